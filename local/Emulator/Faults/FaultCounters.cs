using System.Collections.Concurrent;

namespace ImageExport.Local.Emulator.Faults;

/// <summary>How many faults were injected, by <c>service:operation:fault</c> (e.g. <c>cvm:ExportImages:Throttle</c>, <c>events:Dropped</c>).</summary>
internal sealed class FaultCounters
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int this[string name] => _counts.GetValueOrDefault(name);

    /// <summary>A copy, sorted by name, for a report.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Snapshot() => [.. _counts.OrderBy(p => p.Key, StringComparer.Ordinal)];

    /// <summary>All counts whose name ends with <paramref name="suffix"/>, summed (e.g. <c>:Throttle</c>).</summary>
    public int Total(string suffix) => _counts.Where(p => p.Key.EndsWith(suffix, StringComparison.Ordinal)).Sum(p => p.Value);

    internal void Add(string name) => _counts.AddOrUpdate(name, 1, (_, n) => n + 1);
}
