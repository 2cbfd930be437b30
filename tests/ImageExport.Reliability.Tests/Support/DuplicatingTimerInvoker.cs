using System.Text;
using ImageExport.Local.Stack;

namespace ImageExport.Reliability.Tests.Support;

/// <summary>
/// Delivers every timer event to start several times at once, as a duplicated delivery would; the stack sees the first
/// copy's answer. Other events pass through once.
/// </summary>
internal sealed class DuplicatingTimerInvoker(IFunctionInvoker inner, int copies) : IFunctionInvoker
{
    private int _duplicated;

    /// <summary>Extra copies delivered so far.</summary>
    public int Duplicated => Volatile.Read(ref _duplicated);

    public async Task<InvocationResult> InvokeAsync(LocalFunction function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (function.Name != "start" || !Encoding.UTF8.GetString(payload.Span).Contains("\"Type\":\"Timer\"", StringComparison.Ordinal))
        {
            return await inner.InvokeAsync(function, payload, cancellationToken);
        }

        var all = Enumerable.Range(0, copies).Select(_ => inner.InvokeAsync(function, payload, cancellationToken)).ToList();
        Interlocked.Add(ref _duplicated, copies - 1);
        var results = await Task.WhenAll(all);
        return results[0];
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
