using System.Text.Json;
using ImageExport.Local.Stack;
using ImageExport.Local.Stack.Process;
using ImageExport.Local.Tests.Process.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.Local.Tests.Process;

/// <summary>How instances come and go: reuse while warm, scale-out, limits, timeouts, crashes, keep-warm, stop.</summary>
public sealed class InstanceLifecycleTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly FakeRuntime _runtime = new();
    private readonly Serilog.ILogger _logger = CollectingSink.Create().Logger;

    [Fact]
    public async Task AWarmInstanceServesEveryNextEvent()
    {
        await using var invoker = Invoker();
        var function = Functions.Fake();

        // One after another, each right after the previous answer: the answer must not outrun the instance's return to the pool.
        var pids = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            pids.Add(Pid(await InvokeAsync(invoker, function, $"event {i}")));
        }

        Assert.Single(pids.Distinct());
        var instance = Assert.Single(invoker.InstancesOf("fake"));
        Assert.Equal(10, instance.Invocations);
    }

    [Fact]
    public async Task TwoConcurrentInvocationsRunOnTwoInstances()
    {
        await using var invoker = Invoker();
        var function = Functions.Fake();
        var gate = Path.Combine(_runtime.Directory, "gate");

        var first = invoker.InvokeAsync(function, Functions.Event($"wait:{gate}"), CancellationToken.None);
        var second = invoker.InvokeAsync(function, Functions.Event($"wait:{gate}"), CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake") is { Count: 2 } all && all.All(i => i.State == InstanceState.Busy)));
        await File.WriteAllTextAsync(gate, "");
        var results = await Task.WhenAll(first, second).WaitAsync(Bound);

        Assert.NotEqual(Pid(results[0]), Pid(results[1]));
    }

    [Fact]
    public async Task BeyondTheInstanceLimitAnEventWaitsForABusyInstanceToFinish()
    {
        await using var invoker = Invoker(maxInstances: 1);
        var function = Functions.Fake();
        var gate = Path.Combine(_runtime.Directory, "gate");

        var first = invoker.InvokeAsync(function, Functions.Event($"wait:{gate}"), CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake") is [{ State: InstanceState.Busy }]));
        var second = invoker.InvokeAsync(function, Functions.Event("queued"), CancellationToken.None);
        await Task.Delay(200);
        Assert.False(second.IsCompleted);
        await File.WriteAllTextAsync(gate, "");

        var results = await Task.WhenAll(first, second).WaitAsync(Bound);
        Assert.Equal(Pid(results[0]), Pid(results[1]));
        Assert.Single(invoker.InstancesOf("fake"));
    }

    [Fact]
    public async Task AnInstanceThatMissesItsExecutionTimeoutIsKilledAndTheNextEventGetsANewOne()
    {
        await using var invoker = Invoker();
        var function = Functions.Fake(timeout: TimeSpan.FromSeconds(1));
        var warm = await InvokeAsync(invoker, function, "warm up");

        var timedOut = await InvokeAsync(invoker, function, "sleep");

        Assert.False(timedOut.Succeeded);
        Assert.StartsWith("execution timeout", timedOut.Error);
        Assert.True(await Eventually.TrueAsync(() => !Eventually.IsAlive(Pid(warm))));
        var next = await InvokeAsync(invoker, function, "after");
        Assert.True(next.Succeeded, next.Error);
        Assert.NotEqual(Pid(warm), Pid(next));
    }

    [Fact]
    public async Task AnInstanceThatNeverPostsReadyFailsWithAnInitTimeoutAndIsKilled()
    {
        var (logger, sink) = CollectingSink.Create();
        await using var invoker = Invoker(logger: logger);
        var function = Functions.Fake(initTimeout: TimeSpan.FromSeconds(1), environment: new Dictionary<string, string> { ["FAKE_NEVER_READY"] = "1" });

        var result = await InvokeAsync(invoker, function, "hello");

        Assert.False(result.Succeeded);
        Assert.StartsWith("init timeout", result.Error);
        var started = sink.Events.Single(e => e.MessageTemplate.Text.StartsWith("Instance {Instance} of {Function} started", StringComparison.Ordinal));
        var pid = int.Parse(CollectingSink.Scalar(started, "Pid")!);
        Assert.True(await Eventually.TrueAsync(() => !Eventually.IsAlive(pid)));
        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake").Count == 0));
    }

    [Fact]
    public async Task AnInstanceThatExitsBeforeItIsReadyFailsItsInvocation()
    {
        await using var invoker = Invoker();
        var function = Functions.Fake(environment: new Dictionary<string, string> { ["FAKE_EXIT_BEFORE_READY"] = "7" });

        var result = await InvokeAsync(invoker, function, "hello");

        Assert.False(result.Succeeded);
        Assert.Contains("exited with code 7", result.Error);
        // What it wrote last on stderr says why.
        Assert.EndsWith("giving up before ready", result.Error);
    }

    [Fact]
    public async Task ACrashedInstanceFailsItsInvocationAndIsReplaced()
    {
        await using var invoker = Invoker();
        var function = Functions.Fake();
        var warm = await InvokeAsync(invoker, function, "warm up");

        var crashed = await InvokeAsync(invoker, function, "crash");
        var next = await InvokeAsync(invoker, function, "after");

        Assert.False(crashed.Succeeded);
        Assert.Equal("the instance exited with code 3 before it answered: crashing on purpose", crashed.Error);
        Assert.True(next.Succeeded, next.Error);
        Assert.NotEqual(Pid(warm), Pid(next));
        Assert.Equal(Pid(next), Assert.Single(invoker.InstancesOf("fake")).ProcessId);
    }

    [Fact]
    public async Task AChangedDefinitionIsServedByANewInstance()
    {
        await using var invoker = Invoker();
        var before = Functions.Fake(environment: new Dictionary<string, string> { ["FAKE_CUSTOM"] = "v1" });
        var same = Functions.Fake(environment: new Dictionary<string, string> { ["FAKE_CUSTOM"] = "v1" });
        var after = Functions.Fake(environment: new Dictionary<string, string> { ["FAKE_CUSTOM"] = "v2" });

        var first = await InvokeAsync(invoker, before, "one");
        var equal = await InvokeAsync(invoker, same, "two");
        var changed = await InvokeAsync(invoker, after, "three");

        Assert.Equal(Pid(first), Pid(equal));
        Assert.NotEqual(Pid(first), Pid(changed));
        Assert.True(await Eventually.TrueAsync(() => !Eventually.IsAlive(Pid(first))));
        using var answer = JsonDocument.Parse(changed.Body);
        Assert.Equal("v2", answer.RootElement.GetProperty("custom").GetString());
    }

    [Fact]
    public async Task AMissingBinaryFailsTheInvocation()
    {
        await using var invoker = new ProcessFunctionInvoker(new ProcessInvokerOptions
        {
            BinaryPath = Path.Combine(_runtime.Directory, "no-such-bootstrap"),
            Logger = _logger,
        });

        var result = await InvokeAsync(invoker, Functions.Fake(), "hello");

        Assert.False(result.Succeeded);
        Assert.Contains("could not start", result.Error);
    }

    [Fact]
    public async Task AnIdleInstanceIsStoppedAfterTheKeepWarmPeriod()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var invoker = Invoker(time: time, keepWarm: TimeSpan.FromMinutes(5));
        var function = Functions.Fake();
        var pid = Pid(await InvokeAsync(invoker, function, "hello"));
        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake") is [{ State: InstanceState.Idle }]));

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(Eventually.IsAlive(pid));
        Assert.Single(invoker.InstancesOf("fake"));
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await Eventually.TrueAsync(() => !Eventually.IsAlive(pid)));
        Assert.Empty(invoker.InstancesOf("fake"));
    }

    [Fact]
    public async Task UsingAnInstanceRestartsItsKeepWarmPeriod()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var invoker = Invoker(time: time, keepWarm: TimeSpan.FromMinutes(5));
        var function = Functions.Fake();
        var pid = Pid(await InvokeAsync(invoker, function, "hello"));
        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake") is [{ State: InstanceState.Idle }]));

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(pid, Pid(await InvokeAsync(invoker, function, "again")));
        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake") is [{ State: InstanceState.Idle }]));
        time.Advance(TimeSpan.FromMinutes(4));

        Assert.True(Eventually.IsAlive(pid));
        Assert.Single(invoker.InstancesOf("fake"));
    }

    [Fact]
    public async Task DisposingStopsEveryInstanceAndFailsTheEventInHand()
    {
        var invoker = Invoker();
        var function = Functions.Fake();
        var busy = invoker.InvokeAsync(function, Functions.Event("sleep"), CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake") is [{ State: InstanceState.Busy }]));
        var busyPid = invoker.InstancesOf("fake").Single().ProcessId;
        var idle = Pid(await InvokeAsync(invoker, function, "hello"));
        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake").Count(i => i.State == InstanceState.Idle) == 1));

        await invoker.DisposeAsync().AsTask().WaitAsync(Bound);

        var result = await busy.WaitAsync(Bound);
        Assert.False(result.Succeeded);
        Assert.False(Eventually.IsAlive(idle));
        Assert.True(await Eventually.TrueAsync(() => !Eventually.IsAlive(busyPid)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => invoker.InvokeAsync(function, Functions.Event("late"), CancellationToken.None));
    }

    [Fact]
    public async Task ACallerThatStopsWaitingLeavesTheInstanceToFinishItsEvent()
    {
        await using var invoker = Invoker();
        var function = Functions.Fake();
        var gate = Path.Combine(_runtime.Directory, "gate");
        using var cancel = new CancellationTokenSource();

        var abandoned = invoker.InvokeAsync(function, Functions.Event($"wait:{gate}"), cancel.Token);
        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake") is [{ State: InstanceState.Busy }]));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await File.WriteAllTextAsync(gate, "");

        Assert.True(await Eventually.TrueAsync(() => invoker.InstancesOf("fake") is [{ State: InstanceState.Idle }]));
        var next = await InvokeAsync(invoker, function, "after");
        Assert.Equal(invoker.InstancesOf("fake").Single().ProcessId, Pid(next));
    }

    public void Dispose() => _runtime.Dispose();

    private ProcessFunctionInvoker Invoker(int maxInstances = 4, TimeProvider? time = null, TimeSpan? keepWarm = null, Serilog.ILogger? logger = null) =>
        new(new ProcessInvokerOptions
        {
            BinaryPath = _runtime.BootstrapPath,
            Logger = logger ?? _logger,
            Time = time ?? TimeProvider.System,
            KeepWarm = keepWarm ?? TimeSpan.FromMinutes(5),
            MaxInstancesPerFunction = maxInstances,
            StopGracePeriod = TimeSpan.FromSeconds(2),
        });

    private static Task<InvocationResult> InvokeAsync(ProcessFunctionInvoker invoker, LocalFunction function, string text) =>
        invoker.InvokeAsync(function, Functions.Event(text), CancellationToken.None).WaitAsync(Bound);

    private static int Pid(InvocationResult result)
    {
        Assert.True(result.Succeeded, result.Error);
        using var document = JsonDocument.Parse(result.Body);
        return document.RootElement.GetProperty("pid").GetInt32();
    }
}
