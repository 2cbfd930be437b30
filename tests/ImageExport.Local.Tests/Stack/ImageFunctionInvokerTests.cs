using System.Net;
using System.Net.Sockets;
using System.Text;
using ImageExport.Local.Stack.Deployed;
using ImageExport.Local.Tests.Process.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>
/// The image-function invoker (<c>--wiring deployed --functions process</c> with image functions) against an image whose
/// HTTP server closes a kept-alive connection when the next event arrives on it. That is what the image's own server
/// (HttpListener) does to a connection idle for 15 s, and any server may do with its idle timeout: the race must cost
/// neither the event nor the healthy instance.
/// </summary>
public sealed class ImageFunctionInvokerTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // The "image": writes the port the invoker gave it where the test can read it, then stays up; the test serves HTTP
    // on that port in its place, so it decides exactly what happens to each connection.
    private const string Entrypoint = """
        #!/bin/bash
        echo "$SCF_IMAGE_PORT" > "$(dirname "$0")/port.tmp" && mv "$(dirname "$0")/port.tmp" "$(dirname "$0")/port"
        exec sleep 300
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("image-invoker-").FullName;
    private readonly (Serilog.ILogger Logger, CollectingSink Sink) _log = CollectingSink.Create();
    private readonly CancellationTokenSource _stop = new();
    private readonly ImageFunctionInvoker _invoker;

    public ImageFunctionInvokerTests()
    {
        var entrypoint = Path.Combine(_directory, "entrypoint");
        File.WriteAllText(entrypoint, Entrypoint.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(entrypoint, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _invoker = new ImageFunctionInvoker(
            entrypoint, new Dictionary<string, string> { ["fake"] = "ccr.ccs.tencentyun.com/ns/image-export:1" },
            "ap-guangzhou", "1250000000", TimeProvider.System, _log.Logger);
    }

    [Fact]
    public async Task AnEventSentAsTheImageClosesAnIdleConnectionReachesTheSameInstance()
    {
        var function = Functions.Fake();
        var starting = _invoker.InvokeAsync(function, Functions.Event("first"), CancellationToken.None);
        var server = ServeOneRequestPerConnectionAsync(await PortAsync(), _stop.Token);

        var first = await starting.WaitAsync(Bound);
        var second = await _invoker.InvokeAsync(function, Functions.Event("second"), CancellationToken.None).WaitAsync(Bound);

        Assert.True(first.Succeeded, first.Error);
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal("second", Encoding.UTF8.GetString(second.Body));
        Assert.Single(_log.Sink.Events, e => e.MessageTemplate.Text.StartsWith("Image function started", StringComparison.Ordinal));
        await _stop.CancelAsync();
        await server;
    }

    private async Task<int> PortAsync()
    {
        var file = Path.Combine(_directory, "port");
        var deadline = DateTime.UtcNow + Bound;
        while (!File.Exists(file))
        {
            Assert.True(DateTime.UtcNow < deadline, "the entrypoint never started");
            await Task.Delay(20);
        }

        return int.Parse(await File.ReadAllTextAsync(file), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Answers the first request on each connection with its body, and resets the connection when another request
    /// arrives on it (the server's idle timeout firing just as the next event is sent).
    /// </summary>
    private static async Task ServeOneRequestPerConnectionAsync(int port, CancellationToken stopping)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stopping);
                connections.Add(ServeAsync(client, stopping));
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }

        await Task.WhenAll(connections);
    }

    private static async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        using (client)
        {
            var stream = client.GetStream();
            var served = 0;
            try
            {
                while (await ReadRequestAsync(stream, stopping) is { } body)
                {
                    if (served++ > 0)
                    {
                        client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    }

                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
                    await stream.WriteAsync(head, stopping);
                    await stream.WriteAsync(body, stopping);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The invoker closed the connection, or the test is over.
            }
        }
    }

    /// <summary>The body of the next request on <paramref name="stream"/>, or <c>null</c> once the client closed it.</summary>
    private static async Task<byte[]?> ReadRequestAsync(NetworkStream stream, CancellationToken stopping)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one, stopping) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var length = Encoding.ASCII.GetString([.. head]).Split("\r\n")
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, stopping);
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _invoker.DisposeAsync();
        _stop.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The entrypoint may still hold its directory for a moment.
        }
    }
}
