using System.Collections.Concurrent;
using System.Text;
using ImageExport.Local.Stack;

namespace ImageExport.Local.Tests.Stack.Support;

/// <summary>
/// Wraps the stack's invoker: records every invocation (function and event) as it starts and can fail chosen ones before they
/// reach the function, as an instance crash would.
/// </summary>
internal sealed class RecordingInvoker(IFunctionInvoker inner, Func<string, string, bool>? fail = null) : IFunctionInvoker
{
    private readonly ConcurrentQueue<(string Function, string Event, bool Failed)> _calls = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<(string Function, string Event, bool Failed)> Calls => [.. _calls];

    public IReadOnlyList<string> EventsOf(string function) => [.. _calls.Where(c => c.Function == function).Select(c => c.Event)];

    public async Task<InvocationResult> InvokeAsync(LocalFunction function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(payload.Span);
        var failed = fail?.Invoke(function.Name, text) ?? false;
        // Recorded as it starts: what the function does (a job completing) can be seen before it returns.
        _calls.Enqueue((function.Name, text, failed));
        _arrived.Release();
        return failed ? InvocationResult.Failure("injected failure") : await inner.InvokeAsync(function, payload, cancellationToken);
    }

    /// <summary>Waits (15 s at most) until an invocation satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<(string Function, string Event, bool Failed), bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!_calls.Any(condition))
        {
            await _arrived.WaitAsync(timeout.Token);
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
