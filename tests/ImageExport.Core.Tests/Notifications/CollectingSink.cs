using Serilog.Core;
using Serilog.Events;

namespace ImageExport.Core.Tests.Notifications;

internal sealed class CollectingSink : ILogEventSink
{
    public List<LogEvent> Events { get; } = [];

    public void Emit(LogEvent logEvent) => Events.Add(logEvent);

    /// <summary>Each event as it would be written: message and every property.</summary>
    public IEnumerable<string> Rendered => Events.Select(e =>
        e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + " " + e.Exception);
}
