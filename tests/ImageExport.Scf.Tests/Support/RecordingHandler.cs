using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using ImageExport.Scf.Runtime;

namespace ImageExport.Scf.Tests.Support;

/// <summary>A handler whose behaviour the test supplies; it records every invocation's payload, context and token.</summary>
internal sealed class RecordingHandler(Func<string, InvocationContext, CancellationToken, Task<string>> behaviour) : IFunctionHandler
{
    private readonly ConcurrentQueue<Invocation> _invocations = new();
    private readonly Channel<Invocation> _started = Channel.CreateUnbounded<Invocation>();

    public IReadOnlyList<Invocation> Invocations => _invocations.ToArray();

    public static RecordingHandler Echo() => new((payload, context, _) => Task.FromResult($"{context.RequestId}:{payload}"));

    /// <summary>The next invocation to start, waiting a bounded time for it.</summary>
    public Task<Invocation> NextStartedAsync() => _started.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));

    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        var invocation = new Invocation(Encoding.UTF8.GetString(payload.Span), context, cancellationToken);
        _invocations.Enqueue(invocation);
        _started.Writer.TryWrite(invocation);
        return Encoding.UTF8.GetBytes(await behaviour(invocation.Payload, context, cancellationToken));
    }

    internal sealed record Invocation(string Payload, InvocationContext Context, CancellationToken CancellationToken);
}
