using System.Text.Json.Nodes;
using ImageExport.Local.Stack;
using ImageExport.Local.Stack.Triggers;
using ImageExport.Local.Tests.Stack.Support;
using ImageExport.Scf.Events;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.Local.Tests.Stack;

/// <summary>The timer trigger: SCF's event at each cron occurrence, asynchronously, overlapping when the poll is slow.</summary>
public sealed class TimerTriggerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 30, TimeSpan.Zero);

    /// <summary>Moves the fake clock a second at a time until <paramref name="done"/> (bounded), so a timer set late is not skipped.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        for (var step = 0; step < 600 && !done(); step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.True(done(), "the timer did not fire within 10 fake minutes");
    }

    [Fact]
    public async Task EachTickInvokesTheFunctionWithScfsTimerEventWhoseTimeIsTheTriggersCreation()
    {
        var time = new FakeTimeProvider(Start);
        var invoker = new ScriptedInvoker(InvocationResult.Success([]));
        await using var invocations = new AsyncInvocations(invoker, [], time, Serilog.Core.Logger.None);
        await using var timer = TimerTrigger.Cron("reconcile-exports", ScriptedInvoker.Function(), null, ScfCron.Parse("0 */1 * * * * *"), TimeZoneInfo.Utc, invocations, time, Serilog.Core.Logger.None);

        timer.Start();
        await AdvanceUntilAsync(time, () => invoker.Calls.Count >= 2);

        var first = JsonNode.Parse(invoker.Calls[0].Event)!.AsObject();
        // "Time 触发器创建时间": the trigger's creation, not the tick, so it is the same at every tick.
        Assert.Equal("""{"Type":"Timer","TriggerName":"reconcile-exports","Time":"2026-03-01T10:00:30Z","Message":""}""", first.ToJsonString());
        Assert.Equal("2026-03-01T10:00:30Z", (string?)JsonNode.Parse(invoker.Calls[1].Event)!["Time"]);
        Assert.Equal("poll", invoker.Calls[0].Function);
    }

    [Fact]
    public async Task TheTimersArgumentIsTheEventsMessage()
    {
        var time = new FakeTimeProvider(Start);
        var invoker = new ScriptedInvoker(InvocationResult.Success([]));
        await using var invocations = new AsyncInvocations(invoker, [], time, Serilog.Core.Logger.None);
        await using var timer = TimerTrigger.Every("t", ScriptedInvoker.Function(), """{"source":"timer"}""", TimeSpan.FromSeconds(10), invocations, time, Serilog.Core.Logger.None);

        timer.Start();
        await AdvanceUntilAsync(time, () => invoker.Calls.Count >= 1);

        Assert.Equal("""{"source":"timer"}""", (string?)JsonNode.Parse(invoker.Calls[0].Event)!["Message"]);
    }

    [Fact]
    public async Task ATickFiresEvenWhileThePreviousInvocationStillRunsAsScfAllows()
    {
        var time = new FakeTimeProvider(Start);
        var release = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var invoker = new ScriptedInvoker((n, _) => n == 1 ? release.Task : Task.FromResult(InvocationResult.Success([])));
        await using var invocations = new AsyncInvocations(invoker, [], time, Serilog.Core.Logger.None);
        await using var timer = TimerTrigger.Every("t", ScriptedInvoker.Function(), null, TimeSpan.FromSeconds(10), invocations, time, Serilog.Core.Logger.None);

        timer.Start();
        await AdvanceUntilAsync(time, () => invoker.Calls.Count >= 2);

        Assert.False(release.Task.IsCompleted);
        release.SetResult(InvocationResult.Success([]));
    }
}
