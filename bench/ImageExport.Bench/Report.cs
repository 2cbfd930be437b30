using System.Globalization;
using System.Text;

namespace ImageExport.Bench;

/// <summary>Collects the measurements and renders bench/RESULTS.md.</summary>
internal sealed class Report
{
    private readonly Dictionary<(string Runtime, string Handler), List<(double Ready, double First)>> _cold = [];
    private readonly Dictionary<(string Runtime, string Handler), List<double>> _warm = [];
    private readonly Dictionary<(string Runtime, string Handler), long> _rssKib = [];
    private readonly List<(int Active, int Cos, int Cvm, double Ms, string Answer)> _poll = [];

    public long ZipBytes { get; set; }

    public void Cold(string runtime, string handler, double readyMs, double firstMs) => Get(_cold, (runtime, handler)).Add((readyMs, firstMs));

    public void Warm(string runtime, string handler, double ms) => Get(_warm, (runtime, handler)).Add(ms);

    public void PeakRss(string runtime, string handler, long kib) => _rssKib[(runtime, handler)] = kib;

    public void PollTick(int active, int cos, int cvm, double ms, string answer) => _poll.Add((active, cos, cvm, ms, answer));

    public string Render(string machine, int coldRuns, int warmRuns)
    {
        var s = new StringBuilder();
        s.AppendLine("# Benchmark results");
        s.AppendLine();
        s.AppendLine($"Written by `bash bench/run.sh` (see bench/README.md). Machine: {machine}.");
        s.AppendLine();
        s.AppendLine($"Cold start: a fresh instance per event, {coldRuns} each, started as SCF starts a custom runtime (the package's `bootstrap` for AOT, the apphost for JIT, `node index.js` for the peer) against an emulated runtime API; *ready* is spawn → `POST /runtime/init/ready`, *first answer* is spawn → the first event's response. Warm: one instance, {warmRuns} events one after another. Figures are median (p10–p90) in ms; RSS is the instance's VmHWM after its warm events.");
        s.AppendLine();
        s.AppendLine("| measure | ImageExport AOT | ImageExport JIT | Node.js peer | AOT vs JIT | AOT vs Node |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var handler in new[] { "exports.start", "exports.poll", "exports.notify" })
        {
            Row(s, $"cold start `{handler}`: ready", r => Stats(_cold, r, handler, c => c.Ready));
            Row(s, $"cold start `{handler}`: first answer", r => Stats(_cold, r, handler, c => c.First));
        }
        foreach (var handler in new[] { "exports.start", "exports.notify" })
        {
            Row(s, $"warm `{handler}` latency", r => _warm.TryGetValue((r, handler), out var w) ? Summary(w) : null);
            Row(s, $"peak RSS, `{handler}` instance (MiB)", r => _rssKib.TryGetValue((r, handler), out var k) ? (k / 1024.0, $"{k / 1024.0:F1}") : null);
        }
        s.AppendLine($"| package zip (MiB) | {ZipBytes / 1048576.0:F2} | | | | |");
        s.AppendLine();
        s.AppendLine("Poll tick (Native AOT, warm instance) over N active jobs: one exporting, the rest queued behind the cap, every job already looked at once. Requests are what the emulator counted during the tick.");
        s.AppendLine();
        s.AppendLine("| active jobs | COS requests | CVM requests | goal: ≤ N/1000 + c | wall time (ms) | answer |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var (active, cos, cvm, ms, answer) in _poll)
        {
            s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {active:N0} | {cos} | {cvm} | {Math.Ceiling(active / 1000.0)} + {cos + cvm - Math.Ceiling(active / 1000.0)} | {ms:F0} | `{answer}` |"));
        }
        return s.ToString();
    }

    private void Row(StringBuilder s, string name, Func<string, (double Median, string Text)?> cell)
    {
        var aot = cell("aot");
        var jit = cell("jit");
        var node = cell("node");
        if (aot is null && jit is null && node is null) return;
        string Ratio((double Median, string)? other) => aot is { Median: > 0 } a && other is { } o ? string.Create(CultureInfo.InvariantCulture, $"{o.Median / a.Median:F1}×") : "";
        s.AppendLine($"| {name} | {aot?.Text} | {jit?.Text} | {node?.Text} | {Ratio(jit)} | {Ratio(node)} |");
    }

    private static (double, string)? Stats(Dictionary<(string, string), List<(double Ready, double First)>> cold, string runtime, string handler, Func<(double Ready, double First), double> pick) =>
        cold.TryGetValue((runtime, handler), out var runs) ? Summary(runs.Select(pick).ToList()) : null;

    private static (double Median, string Text) Summary(List<double> values)
    {
        var sorted = values.Order().ToList();
        double At(double q) => sorted[(int)Math.Round(q * (sorted.Count - 1))];
        return (At(0.5), string.Create(CultureInfo.InvariantCulture, $"{At(0.5):F1} ({At(0.1):F1}–{At(0.9):F1})"));
    }

    private static TValue Get<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key) where TKey : notnull where TValue : new()
    {
        if (!map.TryGetValue(key, out var value)) map[key] = value = new TValue();
        return value;
    }
}
