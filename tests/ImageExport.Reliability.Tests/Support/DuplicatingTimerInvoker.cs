using System.Text;
using ImageExport.Local.Stack;

namespace ImageExport.Reliability.Tests.Support;

/// <summary>
/// Delivers every timer event to start several times at once, as a duplicated delivery would; the stack sees the first
/// copy's answer. Other events pass through once.
/// </summary>
internal sealed class DuplicatingTimerInvoker(IFunctionInvoker inner, int copies) : IFunctionInvoker
{
    private int _delivered;

    /// <summary>Timer events delivered to start so far, every copy counted.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    public async Task<InvocationResult> InvokeAsync(LocalFunction function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (function.Name != "start" || !Encoding.UTF8.GetString(payload.Span).Contains("\"Type\":\"Timer\"", StringComparison.Ordinal))
        {
            return await inner.InvokeAsync(function, payload, cancellationToken);
        }

        var all = Enumerable.Range(0, copies).Select(_ => inner.InvokeAsync(function, payload, cancellationToken)).ToList();
        Interlocked.Add(ref _delivered, copies);
        var results = await Task.WhenAll(all);
        return results[0];
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
