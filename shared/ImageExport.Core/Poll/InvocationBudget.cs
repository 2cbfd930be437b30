namespace ImageExport.Core.Poll;

/// <summary>Whether there is time left in this invocation: work stops a reserve before the deadline and goes on at the next tick.</summary>
internal sealed class InvocationBudget(TimeProvider time, DateTimeOffset deadline, TimeSpan reserve, CancellationToken cancellationToken)
{
    public bool Exhausted =>
        cancellationToken.IsCancellationRequested ||
        (deadline != default && time.GetUtcNow() >= deadline - reserve);
}
