using System.Globalization;
using System.Text;

namespace ImageExport.Bench;

/// <summary>Collects the measurements and renders bench/RESULTS.md.</summary>
internal sealed class Report
{
    private readonly Dictionary<(string Runtime, string Handler), List<(double Ready, double First)>> _cold = [];
    private readonly Dictionary<(string Runtime, string Handler), List<double>> _warm = [];
    private readonly Dictionary<(string Runtime, string Handler), long> _rssKib = [];
    private readonly List<PollTickFigures> _poll = [];

    /// <summary>The key of the web console's figures: <c>GET /</c> on <c>exports.start</c>.</summary>
    public const string Console = "console";

    public long ZipBytes { get; set; }

    /// <summary>The unpacked Native AOT binary, for the size the console's page adds.</summary>
    public long BinaryBytes { get; set; }

    public void Cold(string runtime, string handler, double readyMs, double firstMs) => Get(_cold, (runtime, handler)).Add((readyMs, firstMs));

    public void Warm(string runtime, string handler, double ms) => Get(_warm, (runtime, handler)).Add(ms);

    public void PeakRss(string runtime, string handler, long kib) => _rssKib[(runtime, handler)] = kib;

    public void PollTick(PollTickFigures tick) => _poll.Add(tick);

    public const string PollStart = "<!-- poll-tick -->";
    public const string PollEnd = "<!-- /poll-tick -->";

    /// <summary>
    /// The poll-tick section, between its markers (<c>bash bench/run.sh poll</c> writes it alone): the table and the
    /// performance issue's goal for the tick, judged on what the tick costs besides progress sampling, whose own budget
    /// (per exporting job) is the progress-sampling section's.
    /// </summary>
    public string RenderPoll(string? machine)
    {
        var s = new StringBuilder();
        s.AppendLine(PollStart);
        s.AppendLine("Poll tick (Native AOT, warm instance) over N active jobs: one exporting, the rest queued behind the cap, every job already looked at once. Requests are what the emulator counted during the tick. Each tick runs twice: as deployed, then on a second instance with `IMAGEEXPORT_PROGRESS=false`; the difference is what progress sampling adds (its own budget, per exporting job: see \"Progress sampling\" below)."
            + (machine is null ? "" : $" Written by `bash bench/run.sh poll` ({machine})."));
        s.AppendLine();
        s.AppendLine("| active jobs | requests (COS + CVM) | of which progress sampling | the rest | the rest vs goal: N/1000 + c | wall time (ms), without sampling | answer |");
        s.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var t in _poll)
        {
            var perThousand = Math.Ceiling(t.Active / 1000.0);
            s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {t.Active:N0} | {t.Cos} + {t.Cvm} | {t.Sampling} | {t.CosWithoutSampling} + {t.CvmWithoutSampling} | {perThousand} + {t.WithoutSampling - perThousand} | {t.Ms:F0}, {t.MsWithoutSampling:F0} | `{t.Answer}` |"));
        }
        if (_poll.Count > 0)
        {
            // c: the requests a tick makes beyond one LIST per 1,000 active keys, sampling aside, at the worst size measured.
            var c = _poll.Max(p => p.WithoutSampling - Math.Ceiling(p.Active / 1000.0));
            var largest = _poll.MaxBy(p => p.Active)!;
            s.AppendLine();
            s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- Poll tick ≤ N/1000 + c requests with a small constant c, progress sampling aside (here c = {c} at every size up to {largest.Active:N0} jobs; sampling added {largest.Sampling} for its exporting job) and under 10 s at {largest.Active:N0} jobs ({largest.Ms:F0} ms as deployed): {(c <= 2 && largest.Ms < 10_000 ? "**holds**" : "**missed**")}."));
        }
        s.AppendLine(PollEnd);
        return s.ToString();
    }

    private readonly List<ProgressTick> _progress = [];

    public void ProgressTick(ProgressTick tick) => _progress.Add(tick);

    public const string ProgressStart = "<!-- progress-sampling -->";
    public const string ProgressEnd = "<!-- /progress-sampling -->";

    /// <summary>The progress-sampling section (written alone by <c>bash bench/run.sh progress</c>, between its markers).</summary>
    public string RenderProgress(string machine)
    {
        var s = new StringBuilder();
        s.AppendLine(ProgressStart);
        s.AppendLine("## Progress sampling: COS requests per poll tick");
        s.AppendLine();
        s.AppendLine($"Written by `bash bench/run.sh progress` ({machine}). N active jobs, of which 1 %, 10 % or 100 % are exporting (each one disk being written as a multipart upload), the rest queued behind the cap; every job was looked at once and none is due for its file check, so the tick is its fixed listings plus sampling. *First* is the first tick that samples them (no progress record yet); *steady* is the next one, 30 s later, each upload one part further. Requests are counted by operation as the poll sends them to the emulator; the tick runs in-process with a deadline it does not reach.");
        s.AppendLine();
        s.AppendLine("| active jobs | exporting | first tick: requests | steady tick: requests | GetBucket (LIST) | GetObject | ListMultipartUploads | ListParts | PutObject | other | per exporting job | sampled | steady wall time (ms) |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var t in _progress)
        {
            var steady = t.Steady;
            var other = steady.Total - steady.Of("GetBucket") - steady.Of("GetObject") - steady.Of("ListMultipartUploads") - steady.Of("ListParts") - steady.Of("PutObject");
            s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {t.Active:N0} | {t.Exporting:N0} | {t.First.Total:N0} | {steady.Total:N0} | {steady.Of("GetBucket"):N0} | {steady.Of("GetObject"):N0} | {steady.Of("ListMultipartUploads"):N0} | {steady.Of("ListParts"):N0} | {steady.Of("PutObject"):N0} | {other:N0} | {(double)steady.Total / t.Exporting:F2} | {steady.Sampled:N0} | {steady.Ms:F0} |"));
        }
        s.AppendLine();
        s.AppendLine("Per exporting job a tick reads the job (LIST + GET), its progress record (GET), lists the uploads under its prefix (one ListMultipartUploads), lists the parts of each running upload (one ListParts per 1,000 parts) and writes the record (PUT): about 6 requests, whatever the number of its files that have not begun. The fixed part is one LIST per 1,000 active keys, one per 1,000 progress records and the unknown-export check. Against the 120 s poll timeout, a tick that runs out of time stops sampling and the next tick starts with the jobs sampled longest ago.");
        s.AppendLine(ProgressEnd);
        return s.ToString();
    }

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
        Row(s, "cold start `exports.start`, web console `GET /`: first answer", r => Stats(_cold, r, Console, c => c.First));
        Row(s, "warm `exports.start`, web console `GET /` latency", r => _warm.TryGetValue((r, Console), out var w) ? Summary(w) : null);
        s.AppendLine($"| package zip (MiB) | {ZipBytes / 1048576.0:F2} | | | | |");
        s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| Native AOT binary (bytes) | {BinaryBytes:N0} | | | | |"));
        s.AppendLine();
        s.Append(RenderPoll(null));
        Goals(s);
        if (_progress.Count > 0)
        {
            s.AppendLine();
            s.Append(RenderProgress(machine));
        }
        return s.ToString();
    }

    // The goals of the performance issue, judged on this run's medians (nothing here is typed in by hand).
    private void Goals(StringBuilder s)
    {
        s.AppendLine();
        s.AppendLine("## Goals, judged on this run");
        s.AppendLine();
        double? Median(string runtime, string handler, bool first) =>
            _cold.TryGetValue((runtime, handler), out var runs) ? Summary(runs.Select(r => first ? r.First : r.Ready).ToList()).Median : null;
        string Verdict(bool holds) => holds ? "**holds**" : "**missed**";
        string Ms(double? v) => v is { } x ? x.ToString("F1", CultureInfo.InvariantCulture) + " ms" : "not measured";
        string Times(double? other, double? aot) => other is { } o && aot is { } a && a > 0 ? (o / a).ToString("F1", CultureInfo.InvariantCulture) + "×" : "n/a";
        bool AtLeast(double? other, double? aot, double factor) => other is { } o && aot is { } a && o >= factor * a;

        var ready = Median("aot", "exports.start", first: false);
        var first = Median("aot", "exports.start", first: true);
        s.AppendLine($"- Cold start of `exports.start` ≤ 25 ms median: to ready {Ms(ready)} {Verdict(ready <= 25)}; to first answer (a full export) {Ms(first)} {Verdict(first <= 25)}.");
        foreach (var (peer, name, factor) in new[] { ("jit", "the JIT build", 5.0), ("node", "the Node.js peer", 10.0) })
        {
            var peerReady = Median(peer, "exports.start", first: false);
            var peerFirst = Median(peer, "exports.start", first: true);
            s.AppendLine($"- Cold start ≥ {factor:F0}× faster than {name}: to ready {Times(peerReady, ready)} {Verdict(AtLeast(peerReady, ready, factor))}; to first answer {Times(peerFirst, first)} {Verdict(AtLeast(peerFirst, first, factor))}.");
        }
        var rss = _rssKib.Where(p => p.Key.Runtime == "aot").Select(p => p.Value / 1024.0).DefaultIfEmpty(double.NaN).Max();
        s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- Peak RSS ≤ 32 MB (MiB here, the stricter reading): {rss:F1} MiB {Verdict(rss <= 32)}."));
        var zip = ZipBytes / 1048576.0;
        s.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- Package zip ≤ 12 MB: {zip:F2} MiB {Verdict(zip <= 12)}."));
        s.AppendLine("- Poll tick: judged under its table above.");
    }

    private void Row(StringBuilder s, string name, Func<string, (double Median, string Text)?> cell)
    {
        var aot = cell("aot");
        var jit = cell("jit");
        var node = cell("node");
        if (aot is null && jit is null && node is null)
        {
            return;
        }

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
        if (!map.TryGetValue(key, out var value))
        {
            map[key] = value = new TValue();
        }

        return value;
    }
}

/// <summary>One poll tick measured twice: as deployed, and on an instance with progress sampling off.</summary>
internal sealed record PollTickFigures(int Active, int Cos, int Cvm, int CosWithoutSampling, int CvmWithoutSampling, double Ms, double MsWithoutSampling, string Answer)
{
    public int WithoutSampling => CosWithoutSampling + CvmWithoutSampling;

    public int Sampling => Cos + Cvm - WithoutSampling;
}
