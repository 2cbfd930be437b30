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
