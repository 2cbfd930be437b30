using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace ImageExport.Bench;

/// <summary>
/// SCF's custom-runtime API for one instance (docs/reference/scf.md §1): <c>POST /runtime/init/ready</c>, <c>GET
/// /runtime/invocation/next</c>, <c>POST /runtime/invocation/response|error</c>. Records when the instance said it
/// was ready, and hands each answer back to whoever sent the event.
/// </summary>
internal sealed class RuntimeApi : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<(byte[] Payload, TaskCompletionSource<Answer> Answer)> _events = Channel.CreateUnbounded<(byte[], TaskCompletionSource<Answer>)>();
    private readonly TaskCompletionSource<long> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource<Answer>? _current;

    public RuntimeApi()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>Stopwatch timestamp of <c>init/ready</c>.</summary>
    public Task<long> Ready => _ready.Task;

    public Task<Answer> InvokeAsync(byte[] payload)
    {
        var answer = new TaskCompletionSource<Answer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _events.Writer.TryWrite((payload, answer));
        return answer.Task;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            // `next` blocks until an event arrives; the other calls are answered at once.
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        try
        {
            switch (path)
            {
                case "/runtime/init/ready":
                    _ready.TrySetResult(Stopwatch.GetTimestamp());
                    break;
                case "/runtime/invocation/next":
                    var (payload, answer) = await _events.Reader.ReadAsync(_stop.Token);
                    _current = answer;
                    response.Headers["request_id"] = Guid.NewGuid().ToString();
                    response.Headers["memory_limit_in_mb"] = "64";
                    response.Headers["time_limit_in_ms"] = "900000";
                    response.ContentType = "application/json";
                    response.ContentLength64 = payload.Length;
                    await response.OutputStream.WriteAsync(payload);
                    break;
                case "/runtime/invocation/response":
                case "/runtime/invocation/error":
                    using (var body = new MemoryStream())
                    {
                        await context.Request.InputStream.CopyToAsync(body);
                        Interlocked.Exchange(ref _current, null)?.TrySetResult(new Answer(path.EndsWith("response", StringComparison.Ordinal), body.ToArray(), Stopwatch.GetTimestamp()));
                    }
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            response.StatusCode = 503;
        }
        finally
        {
            try
            { response.Close(); }
            catch (Exception) { /* the instance hung up */ }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        { await _loop; }
        catch (Exception) { /* closing */ }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>What the instance posted for one event, and when (Stopwatch timestamp).</summary>
internal sealed record Answer(bool Succeeded, byte[] Body, long At);
