namespace ImageExport.Local.Stack.Process;

/// <summary>
/// One event on its way through a function: queued, handed to an instance, answered. Its result is set exactly once,
/// by whoever decides first (the runtime's response or error, a timeout, the instance's death, the stack stopping).
/// </summary>
internal sealed class PendingInvocation(LocalFunction function, byte[] payload, string requestId)
{
    private readonly TaskCompletionSource<InvocationResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LocalFunction Function => function;

    public byte[] Payload => payload;

    /// <summary>SCF's <c>request_id</c>: a UUID, as SCF's own are.</summary>
    public string RequestId => requestId;

    /// <summary>The caller stopped waiting before an instance took the event; nobody is to run it. Guarded by the pool.</summary>
    public bool Abandoned { get; set; }

    /// <summary>The runtime has received the event from <c>/runtime/invocation/next</c>. Guarded by the instance.</summary>
    public bool Fetched { get; set; }

    public Task<InvocationResult> Result => _result.Task;

    public bool IsCompleted => _result.Task.IsCompleted;

    public bool TryComplete(InvocationResult result) => _result.TrySetResult(result);
}
