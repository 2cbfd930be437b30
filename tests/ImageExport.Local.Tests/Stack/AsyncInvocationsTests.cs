using ImageExport.Local.Stack;
using ImageExport.Local.Stack.Triggers;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>SCF's asynchronous invocation: the caller never waits, and a failure is retried twice.</summary>
public sealed class AsyncInvocationsTests
{
    private static readonly TimeSpan[] ShortDelays = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40)];

    [Fact]
    public async Task AFunctionThatKeepsFailingIsTriedThreeTimesThenGivenUp()
    {
        var invoker = new ScriptedInvoker(InvocationResult.Failure("boom"));
        await using var invocations = new AsyncInvocations(invoker, ShortDelays, TimeProvider.System, Serilog.Core.Logger.None);

        await invocations.Start(ScriptedInvoker.Function("notify"), "{}"u8.ToArray(), "test", "event");

        Assert.Equal(3, invoker.Calls.Count);
        Assert.All(invoker.Calls, c => Assert.Equal("{}", c.Event));
    }

    [Fact]
    public async Task ASuccessfulRetryEndsTheRetries()
    {
        var invoker = new ScriptedInvoker((n, _) => Task.FromResult(n == 1 ? InvocationResult.Failure("once") : InvocationResult.Success([])));
        await using var invocations = new AsyncInvocations(invoker, ShortDelays, TimeProvider.System, Serilog.Core.Logger.None);

        await invocations.Start(ScriptedInvoker.Function("notify"), "{}"u8.ToArray(), "test", "event");

        Assert.Equal(2, invoker.Calls.Count);
    }

    [Fact]
    public async Task StartingDoesNotWaitForTheFunction()
    {
        var release = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var invoker = new ScriptedInvoker((_, _) => release.Task);
        await using var invocations = new AsyncInvocations(invoker, ShortDelays, TimeProvider.System, Serilog.Core.Logger.None);

        var running = invocations.Start(ScriptedInvoker.Function("notify"), "{}"u8.ToArray(), "test", "event");
        await invoker.WaitForCallsAsync(1);

        Assert.False(running.IsCompleted);
        Assert.False(invocations.WhenIdleAsync().IsCompleted);
        release.SetResult(InvocationResult.Success([]));
        await invocations.WhenIdleAsync();
    }

    [Fact]
    public async Task AnInvokerThatThrowsCountsAsAFailedInvocation()
    {
        var invoker = new ScriptedInvoker((n, _) => n == 1 ? throw new InvalidOperationException("crashed") : Task.FromResult(InvocationResult.Success([])));
        await using var invocations = new AsyncInvocations(invoker, ShortDelays, TimeProvider.System, Serilog.Core.Logger.None);

        await invocations.Start(ScriptedInvoker.Function("notify"), "{}"u8.ToArray(), "test", "event");

        Assert.Equal(2, invoker.Calls.Count);
    }
}
