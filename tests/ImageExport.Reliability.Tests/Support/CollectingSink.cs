using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace ImageExport.Reliability.Tests.Support;

/// <summary>Keeps every log event a stack writes: the secret scan reads them all, a failing test prints the problems.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Warnings and errors, rendered, one a line (the last <paramref name="max"/>).</summary>
    public string Problems(int max = 40) =>
        string.Join('\n', _events.Where(e => e.Level >= LogEventLevel.Warning).TakeLast(max).Select(e => $"{e.Level}: {e.RenderMessage()} {e.Exception?.Message}"));
}
