namespace ImageExport.Scf.Runtime;

/// <summary>One SCF function: takes the raw trigger event, returns the raw response body.</summary>
public interface IFunctionHandler
{
    /// <summary>
    /// Handles one invocation. Throwing reports an invocation error to SCF (so asynchronous triggers are retried);
    /// <paramref name="cancellationToken"/> fires shortly before the invocation's deadline.
    /// </summary>
    Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken);
}

/// <summary>What SCF tells the function about one invocation.</summary>
public sealed record InvocationContext
{
    public required string RequestId { get; init; }
    public int MemoryLimitInMb { get; init; }
    public TimeSpan TimeLimit { get; init; }
    /// <summary>When SCF will end the invocation.</summary>
    public DateTimeOffset Deadline { get; init; }
    public string? FunctionName { get; init; }
    public string? Handler { get; init; }
}
