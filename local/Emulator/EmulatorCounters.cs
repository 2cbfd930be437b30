using System.Collections.Concurrent;

namespace ImageExport.Local.Emulator;

/// <summary>What the emulator has been asked, for tests that check how often the code under test calls the cloud.</summary>
internal sealed class EmulatorCounters
{
    private readonly ConcurrentDictionary<string, int> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _exportRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _exportsStarted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _cosEvents = new(StringComparer.Ordinal);
    private int _cosRequests;

    /// <summary>Authenticated CVM calls of one action, whatever their outcome.</summary>
    public int ActionCalls(string action) => _actions.GetValueOrDefault(action);

    /// <summary>ExportImages calls that listed the image, whatever their outcome (DryRun and errors included).</summary>
    public int ExportRequestsFor(string imageId) => _exportRequests.GetValueOrDefault(imageId);

    /// <summary>Exports of the image that were accepted and started (not DryRun).</summary>
    public int ExportsStartedFor(string imageId) => _exportsStarted.GetValueOrDefault(imageId);

    /// <summary>COS trigger events raised, by event name (e.g. <c>cos:ObjectCreated:Put</c>).</summary>
    public int CosEventsRaised(string eventName) => _cosEvents.GetValueOrDefault(eventName);

    /// <summary>Every COS request that reached the emulator, authenticated or not.</summary>
    public int CosRequests => Volatile.Read(ref _cosRequests);

    internal void Action(string action) => _actions.AddOrUpdate(action, 1, (_, n) => n + 1);

    internal void ExportRequested(string imageId) => _exportRequests.AddOrUpdate(imageId, 1, (_, n) => n + 1);

    internal void ExportStarted(string imageId) => _exportsStarted.AddOrUpdate(imageId, 1, (_, n) => n + 1);

    internal void CosEvent(string eventName) => _cosEvents.AddOrUpdate(eventName, 1, (_, n) => n + 1);

    internal void CosRequest() => Interlocked.Increment(ref _cosRequests);
}
