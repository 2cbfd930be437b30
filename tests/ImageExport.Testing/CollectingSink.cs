using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ImageExport.Testing;

/// <summary>
/// Keeps every log event a logger writes, so a test can read what was logged and what never was (a secret), and a
/// failing end-to-end test can say what went wrong. Safe to write from many threads.
/// </summary>
public sealed class CollectingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    /// <summary>A snapshot, in the order the events were written.</summary>
    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Each event as a sink would write it: message, every property as <c>Name=value</c>, exception.</summary>
    public IEnumerable<string> Rendered => Events.Select(Render);

    /// <summary><see cref="Rendered"/> with the level in front (<c>Warning …</c>).</summary>
    public IReadOnlyList<string> Lines => [.. Events.Select(e => $"{e.Level} {Render(e)}")];

    /// <summary>A verbose logger writing here, with the properties the code pushes on the log context (as production).</summary>
    public static (ILogger Logger, CollectingSink Sink) Create()
    {
        var sink = new CollectingSink();
        return (sink.CreateLogger(), sink);
    }

    public ILogger CreateLogger() =>
        new LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext().WriteTo.Sink(this).CreateLogger();

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }

    /// <summary>Everything a sink could write, one event a line: to look for what must never be logged.</summary>
    public string AllText() => string.Join('\n', Rendered);

    /// <summary>Warnings and errors, rendered, one a line (the last <paramref name="max"/>), for a failure message.</summary>
    public string Problems(int max = 40) =>
        string.Join('\n', Events.Where(e => e.Level >= LogEventLevel.Warning).TakeLast(max).Select(e => $"{e.Level}: {e.RenderMessage()} {e.Exception?.Message}"));

    /// <summary>A scalar property's value as text, or null when the event has no such scalar.</summary>
    public static string? Scalar(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: var v } ? v?.ToString() : null;

    /// <summary>One event as a sink would write it: message, every property as <c>Name=value</c>, exception.</summary>
    public static string Render(LogEvent e) =>
        $"{e.RenderMessage()} {string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}"))} {e.Exception}";
}
