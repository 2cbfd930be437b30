using ImageExport.Scf.Events;
using ImageExport.Scf.Runtime;
using ImageExport.Scf.Tests.Support;
using Serilog.Events;

namespace ImageExport.Scf.Tests.Runtime;

public sealed class RuntimeLoopTests
{
    private readonly CollectingSink _log = new();

    [Fact]
    public async Task ReadyIsPostedBeforeTheFirstEventIsFetched()
    {
        await using var api = new FakeRuntimeApi();
        await using var host = HostRun.Start(RecordingHandler.Echo(), Some.Options(api.Environment, _log.CreateLogger()));
        api.Enqueue("req-1", "{}");

        await api.NextResultAsync();

        Assert.Equal(new[] { "POST /runtime/init/ready", "GET /runtime/invocation/next" }, api.Calls.Take(2));
        Assert.Equal(1, api.Calls.Count(c => c == "POST /runtime/init/ready"));
    }

    [Fact]
    public async Task EachEventIsAnsweredThroughTheResponseEndpointWithTheHandlersBytes()
    {
        await using var api = new FakeRuntimeApi();
        await using var host = HostRun.Start(RecordingHandler.Echo(), Some.Options(api.Environment, _log.CreateLogger()));
        api.Enqueue("req-1", """{"n":1}""");
        api.Enqueue("req-2", """{"n":2}""");

        var first = await api.NextResultAsync();
        var second = await api.NextResultAsync();

        Assert.Equal(new PostedResult("response", """req-1:{"n":1}""", "req-1"), first);
        Assert.Equal(new PostedResult("response", """req-2:{"n":2}""", "req-2"), second);
        Assert.Equal(FunctionExitCodes.Stopped, await host.StopAsync());
    }

    [Fact]
    public async Task AThrowingHandlerIsReportedAsAnErrorWithoutItsStackAndTheNextEventIsStillServed()
    {
        await using var api = new FakeRuntimeApi();
        var handler = new RecordingHandler((payload, context, _) =>
            context.RequestId == "req-bad" ? throw new InvalidOperationException("boom") : Task.FromResult("fine"));
        await using var host = HostRun.Start(handler, Some.Options(api.Environment, _log.CreateLogger()));
        api.Enqueue("req-bad", "{}");
        api.Enqueue("req-good", "{}");

        var error = await api.NextResultAsync();
        var next = await api.NextResultAsync();

        Assert.Equal(new PostedResult("error", "InvalidOperationException: boom", "req-bad"), error);
        Assert.Equal(new PostedResult("response", "fine", "req-good"), next);
        var logged = Assert.Single(_log.Events, e => e.Exception is InvalidOperationException);
        Assert.Equal(LogEventLevel.Error, logged.Level);
        Assert.Contains("RecordingHandler", logged.Exception!.StackTrace);
    }

    [Fact]
    public async Task AMalformedEventGetsAnErrorAndTheLoopGoesOn()
    {
        await using var api = new FakeRuntimeApi();
        var handler = new RecordingHandler((payload, _, _) =>
        {
            var request = HttpTriggerEvent.Parse(System.Text.Encoding.UTF8.GetBytes(payload));
            return Task.FromResult(request.GetPath());
        });
        await using var host = HostRun.Start(handler, Some.Options(api.Environment, _log.CreateLogger()));
        api.Enqueue("req-garbage", "{\"path\": ");
        api.Enqueue("req-null", "null");
        api.Enqueue("req-ok", """{"path":"/healthz"}""");

        var garbage = await api.NextResultAsync();
        var literalNull = await api.NextResultAsync();
        var ok = await api.NextResultAsync();

        Assert.Equal("error", garbage.Kind);
        Assert.StartsWith("JsonException: ", garbage.Body);
        Assert.Equal("error", literalNull.Kind);
        Assert.Equal(new PostedResult("response", "/healthz", "req-ok"), ok);
        Assert.False(host.Exit.IsCompleted);
    }

    [Fact]
    public async Task TheContextComesFromTheNextResponseHeadersAndTheInstanceEnvironment()
    {
        await using var api = new FakeRuntimeApi();
        var clock = Some.Clock();
        var handler = RecordingHandler.Echo();
        await using var host = HostRun.Start(handler, Some.Options(Some.ScfEnvironment(api.Environment), _log.CreateLogger(), clock));
        api.Enqueue("req-ctx", "{}", timeLimitInMs: 60_000, memoryLimitInMb: 512);

        await api.NextResultAsync();

        var context = Assert.Single(handler.Invocations).Context;
        Assert.Equal("req-ctx", context.RequestId);
        Assert.Equal(512, context.MemoryLimitInMb);
        Assert.Equal(TimeSpan.FromSeconds(60), context.TimeLimit);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(60), context.Deadline);
        Assert.Equal("exports.notify", context.Handler);
        Assert.Equal("image-export-notify", context.FunctionName);
        Assert.Equal("ap-guangzhou", context.Region);
        Assert.Equal(Some.SecretId, context.SecretId);
        Assert.Equal(Some.SecretKey, context.SecretKey);
        Assert.Equal(Some.SessionToken, context.SessionToken);
    }

    [Fact]
    public async Task HeaderNamesAreMatchedInAnyCase()
    {
        await using var api = new FakeRuntimeApi();
        var handler = RecordingHandler.Echo();
        await using var host = HostRun.Start(handler, Some.Options(api.Environment, _log.CreateLogger()));
        // The bash example in Tencent's docs spells them this way.
        api.Enqueue("{}", ("Request_Id", "req-case"), ("MEMORY_LIMIT_IN_MB", "256"), ("Time_Limit_In_Ms", "9000"));

        var result = await api.NextResultAsync();

        var context = Assert.Single(handler.Invocations).Context;
        Assert.Equal("req-case", context.RequestId);
        Assert.Equal(256, context.MemoryLimitInMb);
        Assert.Equal(TimeSpan.FromSeconds(9), context.TimeLimit);
        Assert.Equal("response", result.Kind);
    }

    [Fact]
    public async Task TheHandlersTokenFiresTheSafetyMarginBeforeTheTimeLimitAndTheTimeoutIsReportedAsAnError()
    {
        await using var api = new FakeRuntimeApi();
        var clock = Some.Clock();
        var handler = new RecordingHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return "unreachable";
        });
        var options = Some.Options(api.Environment, _log.CreateLogger(), clock, deadlineSafetyMargin: TimeSpan.FromMilliseconds(50));
        await using var host = HostRun.Start(handler, options);
        api.Enqueue("req-slow", "{}", timeLimitInMs: 300);

        var started = await handler.NextStartedAsync();
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMilliseconds(300), started.Context.Deadline);
        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(started.CancellationToken.IsCancellationRequested);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(started.CancellationToken.IsCancellationRequested);

        var result = await api.NextResultAsync();
        Assert.Equal("error", result.Kind);
        Assert.Equal("req-slow", result.RequestId);
        Assert.StartsWith("Timeout:", result.Body);
    }

    [Fact]
    public async Task TheRequestIdIsOnTheLogEventsOfItsInvocationIncludingTheHandlers()
    {
        await using var api = new FakeRuntimeApi();
        var handlerLogger = _log.CreateLogger();
        var handler = new RecordingHandler((_, _, _) =>
        {
            handlerLogger.Information("handler at work");
            return Task.FromResult("ok");
        });
        await using var host = HostRun.Start(handler, Some.Options(api.Environment, _log.CreateLogger()));
        api.Enqueue("req-logged", "{}");

        await api.NextResultAsync();

        var handlerEvent = Assert.Single(_log.Events, e => e.MessageTemplate.Text == "handler at work");
        Assert.Equal("\"req-logged\"", handlerEvent.Properties["RequestId"].ToString());
        Assert.Contains(_log.Events, e => e.MessageTemplate.Text.Contains("succeeded", StringComparison.Ordinal)
            && e.Properties["RequestId"].ToString() == "\"req-logged\"");
    }

    [Fact]
    public async Task CredentialsFromTheEnvironmentAreNeverLogged()
    {
        await using var api = new FakeRuntimeApi();
        var handler = new RecordingHandler((_, context, _) => throw new InvalidOperationException($"failed for {context}"));
        await using var host = HostRun.Start(handler, Some.Options(Some.ScfEnvironment(api.Environment), _log.CreateLogger()));
        api.Enqueue("req-secret", "{}");

        var result = await api.NextResultAsync();

        Assert.Equal("error", result.Kind);
        Assert.Contains("req-secret", result.Body);
        Assert.DoesNotContain(Some.SecretKey, result.Body);
        Assert.DoesNotContain(Some.SecretKey, _log.AllText());
        Assert.DoesNotContain(Some.SessionToken, _log.AllText());
    }

    [Fact]
    public async Task AFewFailedNextCallsAreRetriedAndTheLoopCarriesOn()
    {
        await using var api = new FakeRuntimeApi();
        await using var host = HostRun.Start(RecordingHandler.Echo(), Some.Options(api.Environment, _log.CreateLogger()));
        api.FailNext(2);
        api.Enqueue("req-after-hiccup", "x");

        var result = await api.NextResultAsync();

        Assert.Equal(new PostedResult("response", "req-after-hiccup:x", "req-after-hiccup"), result);
        Assert.Equal(FunctionExitCodes.Stopped, await host.StopAsync());
    }

    [Fact]
    public async Task WhenNextKeepsFailingTheHostGivesUpWithANonZeroExitCode()
    {
        await using var api = new FakeRuntimeApi();
        api.FailNext(-1);
        await using var host = HostRun.Start(RecordingHandler.Echo(), Some.Options(api.Environment, _log.CreateLogger()));

        var exit = await host.Exit.Within();

        Assert.Equal(FunctionExitCodes.RuntimeApiFailed, exit);
        Assert.Equal(3, api.Calls.Count(c => c == "GET /runtime/invocation/next"));
        Assert.Contains(_log.Events, e => e.Level == LogEventLevel.Fatal);
    }

    [Fact]
    public async Task WhenTheRuntimeApiIsGoneTheHostExitsNonZero()
    {
        var environment = new Dictionary<string, string>
        {
            ["SCF_RUNTIME_API"] = "127.0.0.1",
            ["SCF_RUNTIME_API_PORT"] = FreePort.Pick().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var host = HostRun.Start(RecordingHandler.Echo(), Some.Options(environment, _log.CreateLogger()));

        Assert.Equal(FunctionExitCodes.RuntimeApiFailed, await host.Exit.Within());
    }

    [Fact]
    public async Task WhenTheRuntimeApiAddressIsNotAnAddressTheHostExitsNonZero()
    {
        var environment = new Dictionary<string, string> { ["SCF_RUNTIME_API"] = "not a host", ["SCF_RUNTIME_API_PORT"] = "90 01" };
        await using var host = HostRun.Start(RecordingHandler.Echo(), Some.Options(environment, _log.CreateLogger()));

        Assert.Equal(FunctionExitCodes.RuntimeApiFailed, await host.Exit.Within());
    }

    [Fact]
    public async Task WhenTheRuntimeApiDisappearsBetweenEventsTheHostExitsNonZero()
    {
        var api = new FakeRuntimeApi();
        await using var host = HostRun.Start(RecordingHandler.Echo(), Some.Options(api.Environment, _log.CreateLogger()));
        api.Enqueue("req-last", "{}");
        await api.NextResultAsync();

        await api.DisposeAsync();

        Assert.Equal(FunctionExitCodes.RuntimeApiFailed, await host.Exit.Within());
    }

    [Fact]
    public async Task WhenInitialisationFailsNothingIsReportedReadyAndTheHostExitsNonZero()
    {
        await using var api = new FakeRuntimeApi();
        await using var host = HostRun.Start(
            () => throw new InvalidOperationException("missing configuration EXPORT_BUCKET"),
            Some.Options(api.Environment, _log.CreateLogger()));

        Assert.Equal(FunctionExitCodes.InitializationFailed, await host.Exit.Within());
        Assert.Empty(api.Calls);
        Assert.Contains(_log.Events, e => e.Level == LogEventLevel.Fatal && e.Exception?.Message == "missing configuration EXPORT_BUCKET");
    }

    [Fact]
    public async Task StoppingTheHostWhileItWaitsForAnEventEndsItWithZero()
    {
        await using var api = new FakeRuntimeApi();
        await using var host = HostRun.Start(RecordingHandler.Echo(), Some.Options(api.Environment, _log.CreateLogger()));
        api.Enqueue("req-1", "{}");
        await api.NextResultAsync();

        Assert.Equal(FunctionExitCodes.Stopped, await host.StopAsync());
    }
}
