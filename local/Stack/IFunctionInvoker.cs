namespace ImageExport.Local.Stack;

/// <summary>
/// Runs one function of the local stack the way SCF would: in this process (<c>--functions inproc</c>) or through
/// the packaged binary and an emulated runtime API (<c>--functions process</c>).
/// </summary>
internal interface IFunctionInvoker : IAsyncDisposable
{
    /// <summary>
    /// Invokes <paramref name="function"/> with one event and waits for its answer. A function error (the handler
    /// threw, the instance crashed or timed out) is an <see cref="InvocationResult"/> with <c>Succeeded = false</c>,
    /// not an exception.
    /// </summary>
    Task<InvocationResult> InvokeAsync(LocalFunction function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

/// <summary>One function as serverless.yml declares it, with the environment the local stack gives it.</summary>
/// <param name="Name">The key under <c>functions:</c> (start, poll, notify).</param>
/// <param name="Handler">The handler string, e.g. <c>exports.start</c> (SCF's <c>_HANDLER</c>).</param>
/// <param name="Environment">Every variable the function sees, after ${env:…} substitution and local overrides.</param>
internal sealed record LocalFunction(
    string Name,
    string Handler,
    int MemorySizeMb,
    TimeSpan Timeout,
    TimeSpan InitTimeout,
    IReadOnlyDictionary<string, string> Environment);

/// <summary>What one invocation returned: the response body, or the error SCF would report.</summary>
internal sealed record InvocationResult(bool Succeeded, byte[] Body, string? Error)
{
    public static InvocationResult Success(byte[] body) => new(true, body, null);

    public static InvocationResult Failure(string error) => new(false, [], error);
}
