using System.Diagnostics;

namespace ImageExport.Bench;

/// <summary>Cold starts (fresh instance per event) and warm latency (one instance, many events) of each handler.</summary>
internal sealed class HandlerBench(Emulator emulator, Events events, Dictionary<string, string> env, int coldRuns, int warmRuns)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Queue<(string JobId, string Key)> _exported = new();
    private int _nextImage;

    private byte[] NextStart() => events.StartExport($"img-bn{_nextImage++:D6}", emulator.Bucket);

    public async Task StartAsync(string runtimeKey, Runtime runtime, Report report)
    {
        var ours = runtimeKey != "node";
        await ColdAsync(runtimeKey, runtime, "exports.start", env, report, NextStart, answer => { if (ours) { _exported.Enqueue(Events.Accepted(answer)); } });
        await WarmAsync(runtimeKey, runtime, "exports.start", env, report, NextStart, answer => { if (ours) { _exported.Enqueue(Events.Accepted(answer)); } });
    }

    public async Task NotifyAsync(string runtimeKey, Runtime runtime, Report report)
    {
        byte[] Next()
        {
            var (_, key) = _exported.Dequeue();
            return events.ObjectCreated(emulator.Bucket, key, 1L << 30);
        }
        await ColdAsync(runtimeKey, runtime, "exports.notify", env, report, Next, _ => { });
        await WarmAsync(runtimeKey, runtime, "exports.notify", env, report, Next, _ => { });
    }

    /// <summary>The web console: <c>GET /</c> on the start function, on a fresh instance and on a warm one.</summary>
    public async Task ConsoleAsync(string runtimeKey, Runtime runtime, Report report)
    {
        await ColdAsync(runtimeKey, runtime, "exports.start", env, report, () => events.ConsolePage, _ => { }, Report.Console);
        await WarmAsync(runtimeKey, runtime, "exports.start", env, report, () => events.ConsolePage, _ => { }, Report.Console);
    }

    /// <summary>The poll's start-up and fixed cost: a tick over an empty job store.</summary>
    public Task PollColdAsync(string runtimeKey, Runtime runtime, Report report)
    {
        var empty = new Dictionary<string, string>(env) { ["IMAGEEXPORT_STATE_PREFIX"] = ".bench-empty/" };
        return ColdAsync(runtimeKey, runtime, "exports.poll", empty, report, () => events.Timer, _ => { });
    }

    private async Task ColdAsync(string runtimeKey, Runtime runtime, string handler, Dictionary<string, string> environment, Report report, Func<byte[]> next, Action<byte[]> answered, string? reportAs = null)
    {
        for (var run = 0; run < coldRuns; run++)
        {
            await using var instance = Instance.Start(runtime, handler, environment);
            var ready = await instance.ReadyAsync(Timeout);
            var answer = await instance.InvokeAsync(next(), Timeout);
            answered(answer.Body);
            report.Cold(runtimeKey, reportAs ?? handler, Ms(instance.SpawnedAt, ready), Ms(instance.SpawnedAt, answer.At));
        }
        Console.Error.WriteLine($"cold {runtimeKey} {reportAs ?? handler}: {coldRuns} run(s)");
    }

    private async Task WarmAsync(string runtimeKey, Runtime runtime, string handler, Dictionary<string, string> environment, Report report, Func<byte[]> next, Action<byte[]> answered, string? reportAs = null)
    {
        await using var instance = Instance.Start(runtime, handler, environment);
        await instance.ReadyAsync(Timeout);
        answered((await instance.InvokeAsync(next(), Timeout)).Body); // the first event pays the cold start
        for (var run = 0; run < warmRuns; run++)
        {
            var payload = next();
            var sent = Stopwatch.GetTimestamp();
            var answer = await instance.InvokeAsync(payload, Timeout);
            answered(answer.Body);
            report.Warm(runtimeKey, reportAs ?? handler, Ms(sent, answer.At));
        }
        report.PeakRss(runtimeKey, reportAs ?? handler, instance.PeakRssKib());
        Console.Error.WriteLine($"warm {runtimeKey} {reportAs ?? handler}: {warmRuns} run(s)");
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
