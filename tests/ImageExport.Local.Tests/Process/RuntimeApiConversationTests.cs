using System.Text;
using System.Text.Json;
using ImageExport.Local.Stack;
using ImageExport.Local.Stack.Process;
using ImageExport.Local.Tests.Process.Support;
using Serilog.Events;

namespace ImageExport.Local.Tests.Process;

/// <summary>The emulated runtime API as a custom runtime sees it (docs/reference/scf.md §1.2): ready, next, response, error.</summary>
public sealed class RuntimeApiConversationTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly FakeRuntime _runtime = new();

    [Fact]
    public async Task TheRuntimeReceivesTheEventWithScfsHeadersAndEnvironment()
    {
        var (logger, _) = CollectingSink.Create();
        await using var invoker = Invoker(logger);
        var function = Functions.Fake(name: "poll", timeout: TimeSpan.FromSeconds(45), environment: new Dictionary<string, string> { ["FAKE_CUSTOM"] = "from serverless.yml" });

        var result = await invoker.InvokeAsync(function, Functions.Event("hello"), CancellationToken.None).WaitAsync(Bound);

        Assert.True(result.Succeeded, result.Error);
        using var answer = JsonDocument.Parse(result.Body);
        var seen = answer.RootElement;
        Assert.Equal("hello", seen.GetProperty("event").GetString());
        Assert.True(Guid.TryParse(seen.GetProperty("requestId").GetString(), out _));
        Assert.Equal("256", seen.GetProperty("memory").GetString());
        Assert.Equal("45000", seen.GetProperty("timeLimit").GetString());
        Assert.Equal("poll", seen.GetProperty("function").GetString());
        Assert.Equal("index.main", seen.GetProperty("handler").GetString());
        Assert.Equal("$LATEST", seen.GetProperty("version").GetString());
        Assert.Equal("SCF", seen.GetProperty("runEnv").GetString());
        Assert.Equal("from serverless.yml", seen.GetProperty("custom").GetString());
        Assert.Equal(_runtime.Directory + "/", seen.GetProperty("codeRoot").GetString());
        Assert.Equal(_runtime.Directory, seen.GetProperty("pwd").GetString());
    }

    [Fact]
    public async Task EachInvocationHasItsOwnRequestId()
    {
        var (logger, _) = CollectingSink.Create();
        await using var invoker = Invoker(logger);
        var function = Functions.Fake();

        var first = await invoker.InvokeAsync(function, Functions.Event("one"), CancellationToken.None).WaitAsync(Bound);
        var second = await invoker.InvokeAsync(function, Functions.Event("two"), CancellationToken.None).WaitAsync(Bound);

        Assert.NotEqual(Field(first, "requestId"), Field(second, "requestId"));
        Assert.Equal("two", Field(second, "event"));
    }

    [Fact]
    public async Task AskingForTheNextEventTwiceWithinOneInvocationReturnsTheSameEvent()
    {
        var (logger, _) = CollectingSink.Create();
        await using var invoker = Invoker(logger);

        var result = await invoker.InvokeAsync(Functions.Fake(), Functions.Event("next-twice"), CancellationToken.None).WaitAsync(Bound);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("same", Encoding.UTF8.GetString(result.Body));
    }

    [Fact]
    public async Task TheFirstResultPostedIsTheOneReturnedAndLaterPostsChangeNothing()
    {
        var (logger, _) = CollectingSink.Create();
        await using var invoker = Invoker(logger);
        var function = Functions.Fake();

        var result = await invoker.InvokeAsync(function, Functions.Event("twice"), CancellationToken.None).WaitAsync(Bound);
        // The runtime's later posts arrive while this event is already out: they must not decide it.
        var next = await invoker.InvokeAsync(function, Functions.Event("after"), CancellationToken.None).WaitAsync(Bound);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("first", Encoding.UTF8.GetString(result.Body));
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal("after", Field(next, "event"));
    }

    [Fact]
    public async Task AResponseOverScfsSixMegabyteLimitFailsTheInvocation()
    {
        var (logger, _) = CollectingSink.Create();
        await using var invoker = Invoker(logger);

        var result = await invoker.InvokeAsync(Functions.Fake(), Functions.Event("too-big"), CancellationToken.None).WaitAsync(Bound);

        Assert.False(result.Succeeded);
        Assert.Contains("6 MB", result.Error);
    }

    [Fact]
    public async Task AnErrorPostedByTheRuntimeFailsTheInvocationAndTheInstanceServesTheNextEvent()
    {
        var (logger, _) = CollectingSink.Create();
        await using var invoker = Invoker(logger);
        var function = Functions.Fake();

        var failed = await invoker.InvokeAsync(function, Functions.Event("fail"), CancellationToken.None).WaitAsync(Bound);
        var next = await invoker.InvokeAsync(function, Functions.Event("after"), CancellationToken.None).WaitAsync(Bound);

        Assert.False(failed.Succeeded);
        Assert.Equal("handler failed", failed.Error);
        Assert.True(next.Succeeded, next.Error);
        Assert.Equal(invoker.InstancesOf("fake").Single().ProcessId, int.Parse(Field(next, "pid")!));
    }

    [Fact]
    public async Task WhatTheInstanceWritesReachesTheLoggerTaggedWithItsFunction()
    {
        var (logger, sink) = CollectingSink.Create();
        await using var invoker = Invoker(logger);

        var result = await invoker.InvokeAsync(Functions.Fake(name: "notify"), Functions.Event("hello"), CancellationToken.None).WaitAsync(Bound);
        Assert.True(result.Succeeded, result.Error);
        var pid = Field(result, "pid");

        // Compact JSON from the instance keeps its own timestamp, level, template and properties.
        Assert.True(await Eventually.TrueAsync(() => sink.Events.Any(e => e.MessageTemplate.Text == "Fake runtime {Pid} initialising")));
        var structured = sink.Events.Single(e => e.MessageTemplate.Text == "Fake runtime {Pid} initialising");
        Assert.Equal(LogEventLevel.Debug, structured.Level);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero), structured.Timestamp);
        Assert.Equal(pid, CollectingSink.Scalar(structured, "Pid"));
        Assert.Equal("notify", CollectingSink.Scalar(structured, "Function"));
        Assert.Equal("notify#1", CollectingSink.Scalar(structured, "Instance"));

        // Anything else is kept as text; stderr as a warning.
        Assert.True(await Eventually.TrueAsync(() => sink.Events.Any(e => CollectingSink.Scalar(e, "Line") == "plain text on stderr")));
        var plain = sink.Events.Single(e => CollectingSink.Scalar(e, "Line") == "plain text on stderr");
        Assert.Equal(LogEventLevel.Warning, plain.Level);
        Assert.Equal("notify", CollectingSink.Scalar(plain, "Function"));
    }

    public void Dispose() => _runtime.Dispose();

    private ProcessFunctionInvoker Invoker(Serilog.ILogger logger) =>
        new(new ProcessInvokerOptions { BinaryPath = _runtime.BootstrapPath, Logger = logger, StopGracePeriod = TimeSpan.FromSeconds(2) });

    private static string? Field(InvocationResult result, string name)
    {
        Assert.True(result.Succeeded, result.Error);
        using var document = JsonDocument.Parse(result.Body);
        return document.RootElement.GetProperty(name) is { ValueKind: JsonValueKind.Number } number ? number.GetRawText() : document.RootElement.GetProperty(name).GetString();
    }
}
