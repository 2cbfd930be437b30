using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ImageExport.Scf.Runtime;
using ImageExport.Scf.Tests.Support;

namespace ImageExport.Scf.Tests.Image;

public sealed class ImageModeTests : IAsyncLifetime
{
    private readonly CollectingSink _log = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(15) };
    private HostRun? _host;
    private Uri _baseUri = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _http.Dispose();
    }

    private static Dictionary<string, string> ImageMode() => new() { [FunctionHost.ModeVariable] = "image" };

    [Fact]
    public async Task InImageModeAnEventPostedToEventInvokeIsAnsweredWithTheHandlersBody()
    {
        await StartAsync(RecordingHandler.Echo());

        using var response = await InvokeAsync("req-img", """{"Type":"Timer"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""req-img:{"Type":"Timer"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheXScfHeadersBecomeTheInvocationContext()
    {
        var handler = RecordingHandler.Echo();
        var clock = Some.Clock();
        await StartAsync(handler, clock);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, "event-invoke")) { Content = Json("{}") };
        request.Headers.Add("X-Scf-Request-Id", "req-headers");
        request.Headers.Add("X-Scf-Memory", "256");
        request.Headers.Add("X-Scf-Timeout", "30000");
        request.Headers.Add("X-Scf-Name", "image-export-poll");
        request.Headers.Add("X-Scf-Version", "3");
        request.Headers.Add("X-Scf-Namespace", "prod");
        request.Headers.Add("X-Scf-Region", "ap-shanghai");
        request.Headers.Add("X-Scf-Appid", "1250000001");
        request.Headers.Add("X-Scf-Uin", "100000000002");
        request.Headers.Add("x-scf-trigger-src", "timer");
        request.Headers.Add("X-Scf-Secret-Id", Some.SecretId);
        request.Headers.Add("X-Scf-Secret-Key", Some.SecretKey);
        request.Headers.Add("X-Scf-Session-Token", Some.SessionToken);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var context = Assert.Single(handler.Invocations).Context;
        Assert.Equal("req-headers", context.RequestId);
        Assert.Equal(256, context.MemoryLimitInMb);
        Assert.Equal(TimeSpan.FromSeconds(30), context.TimeLimit);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(30), context.Deadline);
        Assert.Equal("image-export-poll", context.FunctionName);
        Assert.Equal("3", context.FunctionVersion);
        Assert.Equal("prod", context.Namespace);
        Assert.Equal("ap-shanghai", context.Region);
        Assert.Equal("1250000001", context.AppId);
        Assert.Equal("100000000002", context.Uin);
        Assert.Equal("timer", context.TriggerSource);
        Assert.Equal("exports.poll", context.Handler);
        Assert.Equal(Some.SecretId, context.SecretId);
        Assert.Equal(Some.SecretKey, context.SecretKey);
        Assert.Equal(Some.SessionToken, context.SessionToken);
        Assert.DoesNotContain(Some.SecretKey, _log.AllText());
        Assert.DoesNotContain(Some.SessionToken, _log.AllText());
    }

    [Fact]
    public async Task AThrowingHandlerGetsA500WithAShortJsonErrorAndTheNextEventIsStillServed()
    {
        var handler = new RecordingHandler((payload, _, _) =>
            payload == "bad" ? throw new InvalidOperationException("boom") : Task.FromResult("fine"));
        await StartAsync(handler);

        using var failed = await InvokeAsync("req-1", "bad");
        using var next = await InvokeAsync("req-2", "good");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        using var error = JsonDocument.Parse(await failed.Content.ReadAsStringAsync());
        Assert.Equal("FunctionError", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("InvalidOperationException: boom", error.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("fine", await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AHandlerThatRunsIntoItsDeadlineGetsATimeoutError()
    {
        var handler = new RecordingHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return "unreachable";
        });
        await StartAsync(handler, deadlineSafetyMargin: TimeSpan.FromMilliseconds(50));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, "event-invoke")) { Content = Json("{}") };
        request.Headers.Add("X-Scf-Request-Id", "req-slow");
        request.Headers.Add("X-Scf-Timeout", "200");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FunctionTimeout", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task OnlyPostToEventInvokeReachesTheHandler()
    {
        var handler = RecordingHandler.Echo();
        await StartAsync(handler);

        using var otherPath = await _http.PostAsync(new Uri(_baseUri, "invoke"), Json("{}"));
        using var get = await _http.GetAsync(new Uri(_baseUri, "event-invoke"));

        Assert.Equal(HttpStatusCode.NotFound, otherPath.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Empty(handler.Invocations);
    }

    [Fact]
    public async Task WhenThePortIsTakenTheHostExitsNonZero()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var run = HostRun.Start(RecordingHandler.Echo(), Some.Options(ImageMode(), _log.CreateLogger(), imagePort: port));

        Assert.Equal(FunctionExitCodes.ImageServerFailed, await run.Exit.Within());
    }

    [Fact]
    public async Task WhenInitialisationFailsTheServerNeverListensAndTheHostExitsNonZero()
    {
        var listening = false;
        var options = Some.Options(ImageMode(), _log.CreateLogger(), imagePort: FreePort.Pick(), imageServerListening: _ => listening = true);

        await using var run = HostRun.Start(() => throw new InvalidOperationException("no bucket configured"), options);

        Assert.Equal(FunctionExitCodes.InitializationFailed, await run.Exit.Within());
        Assert.False(listening);
    }

    [Fact]
    public async Task WithoutAnExplicitModeTheAbsenceOfScfRuntimeApiDoesNotMeanImageMode()
    {
        var listening = false;
        var options = Some.Options(new Dictionary<string, string> { ["_HANDLER"] = "exports.poll" }, _log.CreateLogger(), imagePort: FreePort.Pick(), imageServerListening: _ => listening = true);

        await using var run = HostRun.Start(RecordingHandler.Echo(), options);

        Assert.Equal(FunctionExitCodes.RuntimeApiFailed, await run.Exit.Within());
        Assert.False(listening);
        Assert.Contains(_log.Events, e => e.RenderMessage().Contains("IMAGEEXPORT_HOST_MODE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InImageModeAnScfRuntimeApiInTheEnvironmentIsIgnored()
    {
        // No document says SCF leaves SCF_RUNTIME_API out of image functions: if it sets it, the container's choice holds.
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var environment = new Dictionary<string, string>(ImageMode()) { ["SCF_RUNTIME_API"] = "127.0.0.1", ["SCF_RUNTIME_API_PORT"] = "1" };
        await using var run = HostRun.Start(RecordingHandler.Echo(), Some.Options(environment, _log.CreateLogger(), imagePort: FreePort.Pick(), imageServerListening: port => listening.TrySetResult(port)));

        var port = await Task.WhenAny(listening.Task, run.Exit).Unwrap().Within();

        Assert.False(run.Exit.IsCompleted, $"the host ended with {port} instead of listening");
    }

    [Fact]
    public async Task AnUnknownModeIsAnInitialisationFailure()
    {
        var options = Some.Options(new Dictionary<string, string> { [FunctionHost.ModeVariable] = "lambda" }, _log.CreateLogger(), imagePort: FreePort.Pick());

        await using var run = HostRun.Start(RecordingHandler.Echo(), options);

        Assert.Equal(FunctionExitCodes.InitializationFailed, await run.Exit.Within());
    }

    private async Task StartAsync(IFunctionHandler handler, TimeProvider? time = null, TimeSpan? deadlineSafetyMargin = null)
    {
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var environment = new Dictionary<string, string>(ImageMode()) { ["_HANDLER"] = "exports.poll" };
        var options = Some.Options(environment, _log.CreateLogger(), time, deadlineSafetyMargin, FreePort.Pick(), port => listening.TrySetResult(port));
        _host = HostRun.Start(handler, options);
        var port = await Task.WhenAny(listening.Task, _host.Exit).Unwrap().Within();
        Assert.False(_host.Exit.IsCompleted, $"the host ended with {port} instead of listening");
        _baseUri = new Uri($"http://127.0.0.1:{port}/");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> InvokeAsync(string requestId, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, "event-invoke")) { Content = Json(body) };
        request.Headers.Add("X-Scf-Request-Id", requestId);
        return await _http.SendAsync(request);
    }
}
