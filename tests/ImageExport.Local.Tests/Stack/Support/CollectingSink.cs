using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace ImageExport.Local.Tests.Stack.Support;

/// <summary>Keeps a stack's log events, so a failing end-to-end test can say what happened.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Warnings and errors, rendered, one a line.</summary>
    public string Problems() =>
        string.Join('\n', _events.Where(e => e.Level >= LogEventLevel.Warning).Select(e => $"{e.Level}: {e.RenderMessage()} {e.Exception?.Message}"));
}
