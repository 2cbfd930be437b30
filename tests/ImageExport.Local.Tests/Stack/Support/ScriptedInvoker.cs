using System.Collections.Concurrent;
using System.Text;
using ImageExport.Local.Stack;

namespace ImageExport.Local.Tests.Stack.Support;

/// <summary>A function stand-in: answers each invocation with what the test scripts, and records what it was sent.</summary>
internal sealed class ScriptedInvoker(Func<int, string, Task<InvocationResult>> answer) : IFunctionInvoker
{
    private readonly ConcurrentQueue<(string Function, string Event)> _calls = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _count;

    public ScriptedInvoker(InvocationResult always)
        : this((_, _) => Task.FromResult(always))
    {
    }

    public IReadOnlyList<(string Function, string Event)> Calls => [.. _calls];

    public async Task<InvocationResult> InvokeAsync(LocalFunction function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(payload.Span);
        _calls.Enqueue((function.Name, text));
        _arrived.Release();
        return await answer(Interlocked.Increment(ref _count), text);
    }

    /// <summary>Waits (15 s at most) until <paramref name="count"/> invocations arrived.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (_calls.Count < count)
        {
            await _arrived.WaitAsync(timeout.Token);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static LocalFunction Function(string name = "poll", TimeSpan? timeout = null) =>
        new(name, $"exports.{name}", 128, timeout ?? TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), new Dictionary<string, string>());
}
