using Serilog.Core;
using Serilog.Events;

namespace ImageExport.Core.Tests.Support;

/// <summary>Keeps every log event, rendered with all its properties, so tests can check what was (never) logged.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) return lines.ToList(); }
    }

    public void Emit(LogEvent logEvent)
    {
        var properties = string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        var line = $"{logEvent.Level} {logEvent.RenderMessage()} {properties} {logEvent.Exception}";
        lock (lines) lines.Add(line);
    }
}
