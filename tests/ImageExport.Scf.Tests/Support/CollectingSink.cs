using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ImageExport.Scf.Tests.Support;

/// <summary>Keeps every log event so tests can read what was logged, and what was not.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => events.ToArray();

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    public ILogger CreateLogger() =>
        new LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext().WriteTo.Sink(this).CreateLogger();

    /// <summary>Everything a sink could write: messages, properties and exceptions.</summary>
    public string AllText() => string.Join("\n", Events.Select(e =>
        $"{e.RenderMessage()} {string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}"));
}
