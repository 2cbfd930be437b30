using System.Globalization;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator.Faults;
using ImageExport.Reliability.Tests.Support;
using ImageExport.Testing;

namespace ImageExport.Reliability.Tests;

/// <summary>
/// Many exports through the whole local stack under combined faults: 30 % throttling and 10 % internal errors,
/// timeouts and lost answers on every CVM action and COS operation, every COS event sent three times with half the
/// copies dropped (and some delayed or reordered), a timer firing every second so polls overlap.
/// </summary>
public sealed partial class FaultSuiteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(Size.Large ? 20 : 8);

    internal static FaultPlan CombinedFaults(int seed, bool unknownExportOutcomes, bool cosFaults = true)
    {
        var rule = new FaultRule { Throttle = 0.3, InternalError = 0.05, Timeout = 0.02, LostAnswer = 0.03, Latency = 0.2, LatencyMs = 150 };
        // ExportImages answered with an internal error, a timeout or a lost answer has an unknown outcome, which the poll
        // resolves after its grace (15 s here) by asking CVM whether the image is busy.
        var export = unknownExportOutcomes ? rule : new FaultRule { Throttle = 0.3, Latency = 0.2, LatencyMs = 150 };
        return new FaultPlan
        {
            Seed = seed,
            Cvm = new Dictionary<string, FaultRule> { ["*"] = rule, ["ExportImages"] = export },
            Cos = cosFaults ? new Dictionary<string, FaultRule> { ["*"] = rule } : new Dictionary<string, FaultRule>(),
            CosEvents = new CosEventFaults { Copies = 3, Drop = 0.5, Delay = 0.3, DelayMs = 1500, Reorder = 0.2 },
        };
    }

    /// <summary>The stack's settings under every fault suite: at most 5 exports at once, and seconds instead of minutes.</summary>
    internal static Dictionary<string, string> FaultSuiteEnvironment() => new()
    {
        ["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "5",
        // Seconds instead of minutes, so a run fits CI: a hung request is given up after 5 s instead of 20, and an
        // unknown ExportImages outcome (or a `submitting` claim) is checked with CVM after 45 s instead of 30 min. The
        // grace must outlast the start function's 30 s time limit, as 30 min outlasts it on SCF: a claim younger than
        // that may belong to an invocation still running (under these faults a start takes up to ~20 s), and
        // resubmitting it exported an image twice once, at 15 s, when the emulator's export had already finished.
        ["IMAGEEXPORT_REQUEST_TIMEOUT_SECONDS"] = "5",
        ["IMAGEEXPORT_UNKNOWN_SUBMIT_GRACE_MINUTES"] = "0.75",
        ["IMAGEEXPORT_NOTIFY_RETRY_MINUTES"] = "0",
        ["IMAGEEXPORT_NOTIFY_LEASE_MINUTES"] = "1",
    };

    // Three scenarios, each a whole stack: CVM faults only (the quick one), then the same faults on every COS operation
    // too, then also on ExportImages itself (unknown outcomes). Each runs in about 10 s, 1.5 min and 2 min here.
    [Fact]
    public Task UnderCvmThrottlingAndDuplicatedDroppedReorderedEventsNoJobIsLostNoImageIsExportedTwiceAndEveryJobIsAnnouncedOnce() =>
        RunAsync(unknownExportOutcomes: false, cosFaults: false);

    [Fact]
    public Task UnderCombinedFaultsNoJobIsLostNoImageIsExportedTwiceAndEveryJobIsAnnouncedOncePerChannel() =>
        RunAsync(unknownExportOutcomes: false, cosFaults: true);

    [Fact]
    public Task UnderCombinedFaultsWithUnknownExportOutcomesEveryJobStillEnds() => RunAsync(unknownExportOutcomes: true, cosFaults: true);

    private async Task RunAsync(bool unknownExportOutcomes, bool cosFaults)
    {
        var exports = Size.Exports;
        await using var stack = await ReliabilityStack.StartAsync(new StackSetup
        {
            Images = exports,
            Faults = CombinedFaults(Size.Seed, unknownExportOutcomes, cosFaults),
            TimerInterval = TimeSpan.FromSeconds(1),
            ExportLimit = 5,
            Environment = FaultSuiteEnvironment(),
        });
        var started = DateTimeOffset.UtcNow;

        var starts = await StartExportsAsync(stack, Enumerable.Range(0, exports));
        var accepted = starts.Where(s => s.JobId is not null).ToList();

        // Run the timer until every accepted job is terminal, within the run's limit. Each read's observed progress is
        // kept: under faults it may be stale, but never wrong (a file's bytes never go back nor past its known size).
        var states = new Dictionary<string, JsonObject?>();
        var progress = new ProgressWatch();
        while (true)
        {
            foreach (var start in accepted)
            {
                states[start.JobId!] = await ReadJobAsync(stack, start.JobId!);
                progress.See(states[start.JobId!]);
            }

            if (states.Values.All(j => j is not null && (string?)j["state"] is "completed" or "failed") || DateTimeOffset.UtcNow - started > RunLimit)
            {
                break;
            }

            await Task.Delay(1000);
        }

        // Announcements go out as jobs end; a channel that failed is retried by the next ticks. A delivery whose
        // invocation failed after taking its lease is retried only once the lease (1 min here) has run out, so the wait
        // must outlast a whole lease plus a loaded machine's ticks (60 s was a coin toss: "1 never notified" in CI).
        // Then a few more ticks, so a late duplicate has its chance to show.
        var announceDeadline = DateTimeOffset.UtcNow.AddSeconds(AnyNotTerminal(states) ? 5 : 150);
        while (accepted.Any(s => !stack.Notifications().Any(n => (string?)n["jobId"] == s.JobId)) && DateTimeOffset.UtcNow < announceDeadline)
        {
            await Task.Delay(500);
        }

        await Task.Delay(TimeSpan.FromSeconds(4));
        var elapsed = DateTimeOffset.UtcNow - started;
        var notifications = stack.Notifications();

        var lost = states.Count(p => p.Value is null);
        var notTerminal = states.Count(p => p.Value is not null && (string?)p.Value["state"] is not ("completed" or "failed"));
        var completed = states.Count(p => (string?)p.Value?["state"] == "completed");
        var failed = states.Where(p => (string?)p.Value?["state"] == "failed").ToList();
        var duplicateExports = starts.Count(s => stack.Emulator.Counters.ExportsStartedFor(s.ImageId) > 1);
        var perJobAndChannel = notifications.GroupBy(n => ((string?)n["jobId"], (string?)n["channel"])).ToList();
        var announcedTwice = perJobAndChannel.Count(g => g.Count() > 1);
        var unannounced = accepted.Count(s => !notifications.Any(n => (string?)n["jobId"] == s.JobId));
        var completedWithoutExport = states.Count(p => (string?)p.Value?["state"] == "completed"
            && p.Value!["images"]!.AsArray().Any(image => stack.Emulator.Counters.ExportsStartedFor((string)image!["imageId"]!) != 1));
        var secrets = SecretScan.Findings(stack.Log.Events, stack.Secrets());

        var figures = new Figures($"Fault suite: {exports} exports under combined faults (seed {Size.Seed}{(cosFaults ? ", COS faults" : ", CVM faults only")}{(unknownExportOutcomes ? ", unknown ExportImages outcomes" : "")})", output);
        figures.Add("exports requested", exports);
        figures.Add("starts accepted (202)", accepted.Count);
        figures.Add("start attempts in all (client retries with the same key)", starts.Sum(s => s.Attempts));
        figures.Add("jobs lost", lost);
        figures.Add("jobs not terminal at the end", notTerminal);
        figures.Add("jobs completed / failed", $"{completed} / {failed.Count}");
        figures.Add("images exported more than once (ExportsStartedFor > 1)", duplicateExports);
        figures.Add("jobs with a notification per channel != 1 (twice / never)", $"{announcedTwice} / {unannounced}");
        figures.Add("notifications.jsonl lines", notifications.Count);
        figures.Add("ExportImages calls (DryRun and errors included)", stack.Emulator.Counters.ActionCalls("ExportImages"));
        figures.Add("COS requests", stack.Emulator.Counters.CosRequests);
        foreach (var kind in new[] { "Throttle", "InternalError", "Timeout", "LostAnswer", "Latency" })
        {
            figures.Add($"faults injected: {kind}", stack.Emulator.Faults.Counters.Total(":" + kind));
        }

        foreach (var name in new[] { "events:Raised", "events:Delivered", "events:Dropped", "events:Delayed", "events:Reordered" })
        {
            figures.Add(name, stack.Emulator.Faults.Counters[name]);
        }

        figures.Add("progress readings (file progress seen in GET /exports/{id})", progress.Readings);
        figures.Add("progress readings going back or past the file's size", progress.Wrong.Count);
        figures.Add("secrets or signatures in logs", secrets.Count);
        figures.Add("log events scanned", stack.Log.Events.Count);
        figures.Add("wall time (s)", elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture));
        figures.Publish();

        var why = $"\nstarts not accepted: {string.Join(", ", starts.Where(s => s.JobId is null).Select(s => $"{s.ImageId}:{s.LastStatus}"))}" +
            $"\nnot terminal: {string.Join("\n", states.Where(p => (string?)p.Value?["state"] is not ("completed" or "failed")).Select(p => p.Value?.ToJsonString() ?? p.Key + " missing"))}" +
            $"\nfailed: {string.Join("\n", failed.Select(p => p.Value!.ToJsonString()))}" +
            $"\nlast log lines of each job not terminal:\n{string.Join("\n", NotTerminalJobLines(stack, states))}" +
            $"\nsecrets: {string.Join("\n", secrets.Take(5))}\n{stack.Log.Problems()}";
        Assert.True(accepted.Count == exports, "every start is eventually accepted by a client that retries" + why);
        Assert.True(lost == 0, "jobs lost" + why);
        Assert.True(notTerminal == 0, "jobs not terminal" + why);
        Assert.True(duplicateExports == 0, "duplicate exports" + why);
        Assert.True(completedWithoutExport == 0, "completed jobs whose images were not exported exactly once" + why);
        Assert.True(announcedTwice == 0 && unannounced == 0, $"notifications per job and channel ({announcedTwice} twice, {unannounced} never)" + why);
        Assert.True(failed.Count == 0, "no fault here is a reason to fail an export" + why);
        Assert.True(secrets.Count == 0, "secrets in logs" + why);
        Assert.True(progress.Wrong.Count == 0, "progress went back or past its size:\n" + string.Join("\n", progress.Wrong.Take(10)));
    }

    /// <summary>
    /// Starts one export per image, as a client that retries a failed start with the same Idempotency-Key (as the README
    /// tells clients to), six at a time.
    /// </summary>
    private static async Task<(string ImageId, string? JobId, int Attempts, int LastStatus)[]> StartExportsAsync(ReliabilityStack stack, IEnumerable<int> images)
    {
        var indexes = images.ToList();
        var starts = new (string ImageId, string? JobId, int Attempts, int LastStatus)[indexes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, indexes.Count), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (n, _) =>
        {
            var i = indexes[n];
            var imageId = Catalog.ImageId(i);
            var key = $"reliability-{i}";
            var (jobId, attempts, last) = ((string?)null, 0, 0);
            while (jobId is null && attempts < 12)
            {
                attempts++;
                try
                {
                    var (status, body, _) = await stack.PostExportAsync(ReliabilityStack.ExportBody(imageId), key);
                    last = status;
                    if (status == 202)
                    {
                        jobId = (string?)body!["jobId"];
                    }
                    else if (status < 500)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    last = -1;
                }

                if (jobId is null)
                {
                    await Task.Delay(500);
                }
            }

            starts[n] = (imageId, jobId, attempts, last);
        });
        return starts;
    }

    private sealed class ProgressWatch
    {
        private readonly Dictionary<(string Job, string Key), long> _last = [];

        public int Readings { get; private set; }

        public List<string> Wrong { get; } = [];

        public void See(JsonObject? job)
        {
            if (job is null)
            {
                return;
            }

            foreach (var file in job["images"]!.AsArray().SelectMany(i => i!["files"]!.AsArray()))
            {
                if (file!["progress"] is not JsonObject p)
                {
                    continue;
                }

                Readings++;
                var key = ((string)job["jobId"]!, (string)file["key"]!);
                var bytes = (long)p["bytes"]!;
                if (_last.TryGetValue(key, out var before) && bytes < before)
                {
                    Wrong.Add($"{key}: {before} then {bytes}");
                }

                if (p["expectedBytes"] is JsonValue expected && bytes > (long)expected)
                {
                    Wrong.Add($"{key}: {bytes} of {(long)expected}");
                }

                _last[key] = Math.Max(bytes, before);
            }
        }
    }

    /// <summary>
    /// The last lines the stack logged about each job that did not end (its JobId, or one of its images): what it waited
    /// for. The failure message's general problems are mostly the faults' retries.
    /// </summary>
    private static IEnumerable<string> NotTerminalJobLines(ReliabilityStack stack, Dictionary<string, JsonObject?> states)
    {
        var events = stack.Log.Events;
        foreach (var (jobId, job) in states.Where(p => (string?)p.Value?["state"] is not ("completed" or "failed")))
        {
            var images = job?["images"]?.AsArray().Select(i => (string?)i?["imageId"]).OfType<string>().ToHashSet() ?? [];
            yield return $"{jobId}:";
            foreach (var e in events.Where(e => CollectingSink.Scalar(e, "JobId") == jobId || CollectingSink.Scalar(e, "ImageId") is { } id && images.Contains(id)).TakeLast(12))
            {
                yield return $"  {e.Timestamp.UtcDateTime:HH:mm:ss.fff} {e.Level} {e.RenderMessage()}";
            }
        }
    }

    private static bool AnyNotTerminal(Dictionary<string, JsonObject?> states) =>
        states.Values.Any(j => (string?)j?["state"] is not ("completed" or "failed"));

    // A read that failed under faults is tried again: the question is whether the job exists, not whether one GET got through.
    private static async Task<JsonObject?> ReadJobAsync(ReliabilityStack stack, string jobId)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                var (status, body, _) = await stack.GetAsync($"/exports/{jobId}");
                if (status == 200)
                {
                    return body;
                }

                if (status == 404)
                {
                    return null;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"GET /exports/{jobId} failed 10 times in a row");
    }
}
