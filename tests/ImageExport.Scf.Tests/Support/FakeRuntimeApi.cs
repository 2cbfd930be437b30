using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace ImageExport.Scf.Tests.Support;

/// <summary>
/// SCF's custom-runtime API on 127.0.0.1 and an ephemeral port: hands out queued events on
/// <c>/runtime/invocation/next</c> (long polling while none is queued) and records every call.
/// Plain sockets, one request per connection, so the header spelling it sends is exactly the test's.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<QueuedEvent> _events = Channel.CreateUnbounded<QueuedEvent>();
    private readonly Channel<PostedResult> _results = Channel.CreateUnbounded<PostedResult>();
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly Task _acceptLoop;
    private int _failNext;
    private string? _inFlightRequestId;

    public FakeRuntimeApi()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>The environment SCF gives a custom runtime pointing at this fake.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["SCF_RUNTIME_API"] = "127.0.0.1",
        ["SCF_RUNTIME_API_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["_HANDLER"] = "exports.start",
    };

    /// <summary>Every call in order, as <c>METHOD /path</c>.</summary>
    public IReadOnlyList<string> Calls => _calls.ToArray();

    /// <summary>Answers this many of the following <c>next</c> calls with 500 (a negative number: all of them).</summary>
    public void FailNext(int times) => Volatile.Write(ref _failNext, times);

    public void Enqueue(string requestId, string body, int timeLimitInMs = 3000, int memoryLimitInMb = 128) =>
        Enqueue(body, ("request_id", requestId), ("memory_limit_in_mb", Invariant(memoryLimitInMb)), ("time_limit_in_ms", Invariant(timeLimitInMs)));

    public void Enqueue(string body, params (string Name, string Value)[] headers)
    {
        var requestId = headers.FirstOrDefault(h => h.Name.Equals("request_id", StringComparison.OrdinalIgnoreCase)).Value;
        _events.Writer.TryWrite(new QueuedEvent(Encoding.UTF8.GetBytes(body), headers, requestId));
    }

    /// <summary>The next response or error the runtime posted, waiting a bounded time for it.</summary>
    public Task<PostedResult> NextResultAsync() => _results.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Shutting down: an accept cut short is expected.
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var (method, path, body) = await ReadRequestAsync(stream, _stop.Token);
            _calls.Enqueue($"{method} {path}");
            switch (method, path)
            {
                case ("POST", "/runtime/init/ready"):
                    await RespondAsync(stream, 200, [], []);
                    break;
                case ("GET", "/runtime/invocation/next"):
                    await ServeNextAsync(stream);
                    break;
                case ("POST", "/runtime/invocation/response"):
                case ("POST", "/runtime/invocation/error"):
                    _results.Writer.TryWrite(new PostedResult(path["/runtime/invocation/".Length..], Encoding.UTF8.GetString(body), Volatile.Read(ref _inFlightRequestId)));
                    await RespondAsync(stream, 200, [], []);
                    break;
                default:
                    await RespondAsync(stream, 404, [], []);
                    break;
            }
        }
        catch (Exception)
        {
            // The runtime hung up (its host stopped) or the fake is shutting down.
        }
    }

    private async Task ServeNextAsync(NetworkStream stream)
    {
        var failures = Volatile.Read(ref _failNext);
        if (failures != 0)
        {
            if (failures > 0)
            {
                Interlocked.Decrement(ref _failNext);
            }

            await RespondAsync(stream, 500, [], "runtime broken"u8.ToArray());
            return;
        }
        var queued = await _events.Reader.ReadAsync(_stop.Token);
        Volatile.Write(ref _inFlightRequestId, queued.RequestId);
        await RespondAsync(stream, 200, queued.Headers, queued.Body);
    }

    private static async Task<(string Method, string Path, byte[] Body)> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("connection closed in the request head");
            }

            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var length = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (requestLine[0], requestLine[1], body);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private static async Task RespondAsync(NetworkStream stream, int status, (string Name, string Value)[] headers, byte[] body)
    {
        var text = new StringBuilder($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("Content-Length: ").Append(body.Length).Append("\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record QueuedEvent(byte[] Body, (string Name, string Value)[] Headers, string? RequestId);
}

/// <summary>What the runtime posted: <c>response</c> or <c>error</c>, its body, and the event then in flight.</summary>
internal sealed record PostedResult(string Kind, string Body, string? RequestId);
