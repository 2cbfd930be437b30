namespace ImageExport.Local.Stack.Process;

/// <summary>
/// One event on its way through a function: queued, handed to an instance, answered. Its outcome is decided exactly
/// once, by whoever comes first (the runtime's response or error, a timeout, the instance's death, the stack
/// stopping), and reaches the caller only after the pool has put the instance back, so that a caller's next event
/// finds it warm.
/// </summary>
internal sealed class PendingInvocation(LocalFunction function, byte[] payload, string requestId)
{
    private readonly TaskCompletionSource<InvocationResult> _decision = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<InvocationResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LocalFunction Function => function;

    public byte[] Payload => payload;

    /// <summary>SCF's <c>request_id</c>: a UUID, as SCF's own are.</summary>
    public string RequestId => requestId;

    /// <summary>The caller stopped waiting before an instance took the event; nobody is to run it. Guarded by the pool.</summary>
    public bool Abandoned { get; set; }

    /// <summary>The runtime has received the event from <c>/runtime/invocation/next</c>. Guarded by the instance.</summary>
    public bool Fetched { get; set; }

    /// <summary>What was decided, for the pool.</summary>
    public Task<InvocationResult> Decision => _decision.Task;

    /// <summary>What the caller gets, once the pool has dealt with the instance.</summary>
    public Task<InvocationResult> Result => _result.Task;

    /// <summary>False when the outcome was already decided: SCF keeps the first.</summary>
    public bool TryDecide(InvocationResult result) => _decision.TrySetResult(result);

    /// <summary>Passes the decision on to the caller.</summary>
    public void Deliver()
    {
        if (_decision.Task.IsCompletedSuccessfully)
        {
            _result.TrySetResult(_decision.Task.Result);
        }
    }

    /// <summary>Decides and delivers at once, for an event no instance holds.</summary>
    public void Fail(string reason)
    {
        TryDecide(InvocationResult.Failure(reason));
        Deliver();
    }
}
