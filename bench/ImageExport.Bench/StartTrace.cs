using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ImageExport.Bench;

/// <summary>
/// <c>bash bench/run.sh trace [events=40]</c>: where the time of one warm <c>POST /exports</c> goes. One Native AOT
/// instance gets the bench's start events twice: straight against the emulator (the latency the table reports, per
/// event, to show any growth), then through a timing proxy that lists each CVM and COS request of every start in
/// order with its duration.
/// </summary>
internal sealed class StartTrace(string stateDirectory, Emulator emulator, Events events, Dictionary<string, string> env, Runtime runtime)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private int _nextImage;

    private byte[] NextStart() => events.StartExport($"img-bn{_nextImage++:D6}", emulator.Bucket);

    public async Task<string> RunAsync(int count)
    {
        var s = new StringBuilder();
        var direct = new List<double>();
        await using (var instance = Instance.Start(runtime, "exports.start", env))
        {
            await instance.ReadyAsync(Timeout);
            Events.Accepted((await instance.InvokeAsync(NextStart(), Timeout)).Body);
            for (var n = 0; n < count; n++)
            {
                var sent = Stopwatch.GetTimestamp();
                var answer = await instance.InvokeAsync(NextStart(), Timeout);
                Events.Accepted(answer.Body);
                direct.Add((answer.At - sent) * 1000.0 / Stopwatch.Frequency);
            }
        }
        s.AppendLine(CultureInfo.InvariantCulture, $"direct, per event (ms): {string.Join(' ', direct.Select(d => d.ToString("F1", CultureInfo.InvariantCulture)))}");
        s.AppendLine(CultureInfo.InvariantCulture, $"direct median {Median(direct):F1} ms; first 5 {Median(direct.Take(5)):F1}, last 5 {Median(direct.TakeLast(5)):F1}");

        var seen = new ConcurrentQueue<TracedRequest>();
        long mark = Stopwatch.GetTimestamp();
        await using var cvm = await TimingProxy.StartAsync("cvm", emulator.Cvm, seen, () => mark);
        await using var cos = await TimingProxy.StartAsync("cos", emulator.Cos, seen, () => mark);
        var proxied = new Dictionary<string, string>(env)
        {
            ["IMAGEEXPORT_CVM_ENDPOINT"] = cvm.Address.ToString(),
            ["IMAGEEXPORT_COS_ENDPOINT"] = cos.Address.ToString(),
        };
        var perRequest = new Dictionary<string, List<double>>();
        var counts = new List<int>();
        await using (var instance = Instance.Start(runtime, "exports.start", proxied))
        {
            await instance.ReadyAsync(Timeout);
            Events.Accepted((await instance.InvokeAsync(NextStart(), Timeout)).Body);
            for (var n = 0; n < count; n++)
            {
                seen.Clear();
                mark = Stopwatch.GetTimestamp();
                var answer = await instance.InvokeAsync(NextStart(), Timeout);
                var total = (answer.At - mark) * 1000.0 / Stopwatch.Frequency;
                Events.Accepted(answer.Body);
                var requests = seen.OrderBy(r => r.StartMs).ToList();
                counts.Add(requests.Count);
                var busy = requests.Sum(r => r.Ms);
                if (n < 2 || n == count - 1)
                {
                    s.AppendLine(CultureInfo.InvariantCulture, $"event {n + 2}: {total:F1} ms, {requests.Count} requests, {busy:F1} ms in them");
                    foreach (var r in requests)
                    {
                        s.AppendLine(CultureInfo.InvariantCulture, $"  {r.StartMs,7:F1} +{r.Ms,5:F1}  {r.Service} {r.Method} {Shorten(r.Target)} → {r.Status}");
                    }
                }
                foreach (var r in requests)
                {
                    Add(perRequest, $"{r.Service} {r.Method} {Kind(r.Target)}", r.Ms);
                }
            }
        }
        s.AppendLine(CultureInfo.InvariantCulture, $"requests per start: {string.Join(' ', counts.Distinct())}");
        var active = Directory.EnumerateFiles(stateDirectory, "*~meta.json", SearchOption.AllDirectories).Count(f => f.Contains("/active/", StringComparison.Ordinal));
        s.AppendLine(CultureInfo.InvariantCulture, $"active keys in the store after {2 * count + 2} jobs: {active}");
        s.AppendLine("per kind through the proxy (count, median ms, p90 ms, first 5 median, last 5 median):");
        foreach (var (kind, ms) in perRequest.OrderByDescending(p => p.Value.Sum()))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  {kind,-42} {ms.Count,4} {Median(ms),6:F2} {Percentile(ms, 0.9),6:F2} {Median(ms.Take(5)),6:F2} {Median(ms.TakeLast(5)),6:F2}");
        }
        return s.ToString();
    }

    private static string Shorten(string target) => target.Length > 110 ? target[..110] + "…" : target;

    /// <summary>The request without its job-specific parts, so the same step of every start groups together.</summary>
    private static string Kind(string target)
    {
        if (!target.StartsWith('/'))
        {
            return target;
        }

        var query = target.Contains("prefix=", StringComparison.Ordinal) ? "?prefix=" : "";
        var path = target.Split('?')[0];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var state = Array.IndexOf(parts, ".image-export");
        if (query.Length > 0)
        {
            var prefix = target[(target.IndexOf("prefix=", StringComparison.Ordinal) + 7)..].Split('&')[0];
            return "LIST " + string.Join('/', prefix.Split('/').Take(2));
        }
        return state >= 0 && parts.Length > state + 1 ? parts[state + 1] + "/" : parts.Length <= 1 ? "(bucket)" : "(export object)";
    }

    private static void Add(Dictionary<string, List<double>> into, string key, double value)
    {
        if (!into.TryGetValue(key, out var list))
        {
            into[key] = list = [];
        }

        list.Add(value);
    }

    private static double Median(IEnumerable<double> values) => Percentile(values.ToList(), 0.5);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
