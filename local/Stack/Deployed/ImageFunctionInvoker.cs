using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ImageExport.Local.Stack.Process;
using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Deployed;

/// <summary>
/// Runs deployed image functions (<c>--wiring deployed --functions process</c>) as SCF runs an image: the image's
/// entrypoint, started with the function's environment, serves HTTP and each event arrives as
/// <c>POST /event-invoke</c> with the invocation context in <c>X-Scf-*</c> headers, the response body being the result
/// (reference/scf.md §2.6a; 镜像函数, cloud.tencent.com/document/product/583/56051). There is no registry or Docker
/// here: every image URL maps to the binary deploy/Dockerfile copies into the image (artifacts/publish/image-export),
/// started as the Dockerfile's CMD with its <c>ENV IMAGEEXPORT_HOST_MODE=image</c>, on a free loopback port instead of
/// 9000 (<c>SCF_IMAGE_PORT</c>). One instance per function serves one event at a time, as SCF sends an instance.
/// </summary>
internal sealed class ImageFunctionInvoker(
    string binaryPath, IReadOnlyDictionary<string, string> imageOf, string region, string appId, TimeProvider time, ILogger logger) : IFunctionInvoker
{
    /// <summary>"HTTP Server 需在30秒内启动完毕" (the same document): how long an image gets to listen.</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, ImageInstance> _instances = new(StringComparer.Ordinal);
    // Each event on a connection of its own (a pooled connection's lifetime of zero: never reused). A kept-alive
    // connection can be closed by the image's server just as the next event is sent on it (the image's HttpListener
    // closes one idle for 15 s: measured, a send 14.99 to 15.05 s after the last answer failed); that send fails and is
    // not retried (a POST), so a healthy instance was killed and started again and the event failed. Loopback
    // connections cost next to nothing.
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ILogger _log = logger.ForContext<ImageFunctionInvoker>();
    private readonly object _gate = new();
    private bool _disposed;

    public async Task<InvocationResult> InvokeAsync(LocalFunction function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var instance = InstanceOf(function);
        await instance.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!instance.IsRunning && await StartAsync(instance, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                return InvocationResult.Failure(failed);
            }

            return await PostAsync(instance, payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            instance.Turn.Release();
        }
    }

    private ImageInstance InstanceOf(LocalFunction function)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_instances.TryGetValue(function.Name, out var instance))
            {
                instance = new ImageInstance(function);
                _instances.Add(function.Name, instance);
            }

            return instance;
        }
    }

    /// <summary>Starts the entrypoint and waits until it accepts connections; the reason it did not, or <c>null</c>.</summary>
    private async Task<string?> StartAsync(ImageInstance instance, CancellationToken cancellationToken)
    {
        var function = instance.Function;
        var port = FreePort();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } path ? path : "/usr/local/bin:/usr/bin:/bin",
            ["TZ"] = "UTC",
        };
        foreach (var (name, value) in function.Environment)
        {
            environment[name] = value;
        }

        // The image's own ENV (deploy/Dockerfile), then SCF's: the port stands in for the fixed 9000.
        environment["IMAGEEXPORT_HOST_MODE"] = "image";
        environment["SCF_IMAGE_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        environment["SCF_FUNCTIONNAME"] = function.Name;
        environment["SCF_FUNCTIONVERSION"] = "$LATEST";
        environment["SCF_NAMESPACE"] = DeployedWiring.Namespace;
        environment["TENCENTCLOUD_RUNENV"] = "SCF";
        var output = new InstanceOutput(logger, function.Name, $"image-{port}");
        instance.Process?.Dispose();
        instance.Process = InstanceProcess.Start(binaryPath, environment, output);
        instance.Port = port;
        _log.Information("Image function started: {Function} from {Image} as {Binary} on port {Port}",
            function.Name, imageOf.GetValueOrDefault(function.Name, "?"), binaryPath, port);

        var deadline = time.GetUtcNow() + StartLimit;
        while (time.GetUtcNow() < deadline)
        {
            if (instance.Process.HasExited)
            {
                return $"the image's entrypoint exited ({await instance.Process.Exited.ConfigureAwait(false)}) before it listened: {output.LastProblem}";
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
            }
        }

        instance.Process.Kill();
        return $"The request timed out in {StartLimit.TotalMilliseconds:0}ms. Please confirm your http server have enabled listening on port 9000.";
    }

    private async Task<InvocationResult> PostAsync(ImageInstance instance, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var function = instance.Function;
        string Variable(string name) => function.Environment.TryGetValue(name, out var value) ? value : "";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{instance.Port}/event-invoke")
        {
            Content = new ReadOnlyMemoryContent(payload),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        // The connection is not kept (see _http): the image's server may close it once it has answered.
        request.Headers.ConnectionClose = true;
        var requestId = Guid.NewGuid().ToString();
        // The headers Tencent's image-function document lists, as the emulator can fill them.
        request.Headers.Add("X-Scf-Request-Id", requestId);
        request.Headers.Add("X-Scf-Memory", function.MemorySizeMb.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Scf-Timeout", ((long)function.Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Scf-Version", "$LATEST");
        request.Headers.Add("X-Scf-Name", function.Name);
        request.Headers.Add("X-Scf-Namespace", DeployedWiring.Namespace);
        request.Headers.Add("X-Scf-Region", region);
        request.Headers.Add("X-Scf-Appid", appId);
        request.Headers.Add("X-Scf-Secret-Id", Variable("TENCENTCLOUD_SECRETID"));
        request.Headers.Add("X-Scf-Secret-Key", Variable("TENCENTCLOUD_SECRETKEY"));
        request.Headers.Add("X-Scf-Session-Token", Variable("TENCENTCLOUD_SESSIONTOKEN"));

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(function.Timeout + TimeSpan.FromSeconds(1));
        try
        {
            using var response = await _http.SendAsync(request, limit.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(limit.Token).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK
                ? InvocationResult.Success(body)
                : InvocationResult.Failure($"the image answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // SCF ends an instance that overran its timeout; the next event starts a new one.
            instance.Process?.Kill();
            return InvocationResult.Failure($"the function timed out after {function.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            instance.Process?.Kill();
            return InvocationResult.Failure($"the image's server failed: {e.Message}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        ImageInstance[] instances;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            instances = [.. _instances.Values];
        }

        foreach (var instance in instances.Where(i => i.Process is not null))
        {
            instance.Process!.Terminate([]);
        }

        foreach (var instance in instances.Where(i => i.Process is not null))
        {
            var stopped = await Task.WhenAny(instance.Process!.Exited, Task.Delay(TimeSpan.FromSeconds(5), time)).ConfigureAwait(false);
            if (stopped != instance.Process.Exited)
            {
                instance.Process.Kill();
            }

            instance.Process.Dispose();
        }

        _http.Dispose();
    }

    private sealed class ImageInstance(LocalFunction function)
    {
        public LocalFunction Function { get; } = function;

        public SemaphoreSlim Turn { get; } = new(1, 1);

        public InstanceProcess? Process { get; set; }

        public int Port { get; set; }

        public bool IsRunning => Process is { HasExited: false };
    }
}
