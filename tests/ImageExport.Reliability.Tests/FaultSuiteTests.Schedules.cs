using System.Globalization;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Reliability.Tests.Support;
using ImageExport.Testing;

namespace ImageExport.Reliability.Tests;

/// <summary>
/// The fault scenario with an export schedule (design.md "Contract: schedules"): a timer trigger on start picks the
/// tagged images every thirty seconds, four times, each timer event delivered three times at once, with retention keeping
/// the last two completed exports per image, under the same combined faults (COS multi-object delete included) while
/// manual exports of other images run in the same bucket.
/// </summary>
public sealed partial class FaultSuiteTests
{
    private const string ScheduleName = "reliability-weekly";
    private const string SchedulePrefix = "weekly";
    private const int ScheduleFirings = 4;

    // Thirty seconds apart: a slot is the latest firing at or before an invocation's clock plus the 5 s by which an early
    // clock still counts (ScheduleSlot), so an invocation has 25 s after its firing to start and keep its slot. SCF
    // retries a failed one a minute later, against firings a day or a week apart; here retries follow in 0.2 and 0.4 s,
    // and the 25 s must hold a failed attempt of up to 8 s (three copies at once under faults), its retry, and a loaded
    // machine. At 8 s apart (3 s of room) CI saw a firing's retry start 4 s late and count toward the next firing.
    private static readonly TimeSpan ScheduleEvery = TimeSpan.FromSeconds(30);
    private const int ScheduleTagged = 4;
    private const int KeepLast = 2;

    [Fact]
    public async Task UnderCombinedFaultsAScheduleWithRetentionLosesNoRunExportsNoSlotTwiceAndDeletesOnlyWhatRetentionExpires()
    {
        var images = Math.Max(ScheduleTagged + 4, Size.Exports / 2);
        var (cron, planned) = BoundedCron(DateTimeOffset.UtcNow.AddSeconds(15), ScheduleFirings, ScheduleEvery);
        Assert.Equal(ScheduleFirings, planned.Count);
        var schedule = new JsonObject
        {
            ["schedule"] = ScheduleName,
            ["cron"] = cron,
            ["images"] = new JsonObject { ["tags"] = new JsonObject { [Catalog.ScheduleTag.Key] = Catalog.ScheduleTag.Value } },
            ["bucket"] = "${env:EXPORT_BUCKET}",
            ["format"] = "qcow2",
            ["onlyRootDisk"] = false,
            ["prefix"] = SchedulePrefix,
            ["retention"] = new JsonObject { ["keepLast"] = KeepLast, ["maxAgeDays"] = null, ["dryRun"] = false },
        };
        await using var stack = await ReliabilityStack.StartAsync(new StackSetup
        {
            Images = images,
            TaggedImages = ScheduleTagged,
            Schedules = [new ScheduleTrigger(ScheduleName, cron, schedule.ToJsonString())],
            StartTimerEventCopies = 3,
            Faults = CombinedFaults(Size.Seed, unknownExportOutcomes: false, cosFaults: true),
            TimerInterval = TimeSpan.FromSeconds(1),
            ExportLimit = 5,
            Environment = FaultSuiteEnvironment(),
        });
        var started = DateTimeOffset.UtcNow;

        // The firings the stack's timer still had ahead of it once wired: on a slow machine the stack may start after
        // the first planned ones, which then never fire (and are no run to lose).
        var next = stack.Running.Timers.Single(t => t.Name == ScheduleName).NextFiring();
        var firings = planned.Where(f => next is { } n && f >= n).ToList();

        // Files no schedule run recorded, under the schedule's own prefix: one named the console way, one any way.
        string[] decoys = [$"{SchedulePrefix}_xvda.qcow2", $"{SchedulePrefix}/notes.qcow2"];
        foreach (var decoy in decoys)
        {
            await PutDirectAsync(stack, decoy);
        }

        // Manual exports of the untagged images, in the same bucket, while the schedule runs.
        var starts = await StartExportsAsync(stack, Enumerable.Range(ScheduleTagged, images - ScheduleTagged));
        var manual = starts.Where(s => s.JobId is not null).ToList();

        Snapshot snapshot;
        while (true)
        {
            snapshot = await SnapshotAsync(stack, manual.Select(s => s.JobId!));
            var settled = DateTimeOffset.UtcNow > firings[^1].AddSeconds(2)
                && snapshot.NotTerminal == 0
                && firings.All(AccountedSlots(stack, snapshot).Contains)
                && snapshot.ExpiredFilesPresent(stack) == 0
                // A run is announced by the poll after its retention, so a tick or two after it completes.
                && snapshot.Runs.All(r => stack.Notifications().Any(n => (string?)n["jobId"] == (string?)r["jobId"]));
            if (settled || DateTimeOffset.UtcNow - started > RunLimit)
            {
                break;
            }

            await Task.Delay(1000);
        }

        // A few more ticks, so a late duplicate run or a late deletion has its chance to show.
        await Task.Delay(TimeSpan.FromSeconds(4));
        snapshot = await SnapshotAsync(stack, manual.Select(s => s.JobId!));
        var elapsed = DateTimeOffset.UtcNow - started;

        var slots = snapshot.Runs.Select(r => (string?)r["schedule"]?["slot"]).ToList();
        var duplicateSlots = slots.GroupBy(s => s).Count(g => g.Key is null || g.Count() > 1);
        var accounted = AccountedSlots(stack, snapshot);
        var notifications = stack.Notifications();
        var announcedTwice = notifications.GroupBy(n => ((string?)n["id"], (string?)n["channel"])).Count(g => g.Count() > 1);
        var runsUnannounced = snapshot.Runs.Count(r => !notifications.Any(n => (string?)n["jobId"] == (string?)r["jobId"]));
        var tagged = Enumerable.Range(0, ScheduleTagged).Select(Catalog.ImageId).ToList();
        var completedPerImage = tagged.ToDictionary(id => id, id => snapshot.CompletedRunsOf(id).Count);
        var exportedTwice = tagged.Count(id => stack.Emulator.Counters.ExportsStartedFor(id) != completedPerImage[id])
            + manual.Count(s => stack.Emulator.Counters.ExportsStartedFor(s.ImageId) != 1);
        var keptMissing = snapshot.KeptFilesMissing(stack, KeepLast);
        var expiredPresent = snapshot.ExpiredFilesPresent(stack);
        var markedDeletedPresent = snapshot.MarkedDeletedButPresent(stack);
        var decoysMissing = decoys.Count(d => !Exists(stack, d));
        var deletedInAll = snapshot.All.Sum(j => Files(j).Count(f => (string?)f["state"] == "deleted"));
        // The stack's own lines about the schedule's timer: each firing, its invocations, their failures and retries.
        var timerLines = stack.Log.Events
            .Where(e => CollectingSink.Scalar(e, "Source") == $"timer {ScheduleName}" || CollectingSink.Scalar(e, "TriggerName") == ScheduleName)
            .Select(e => $"{e.Timestamp.UtcDateTime:HH:mm:ss.fff} {e.Level} {e.RenderMessage()}")
            .ToList();

        var figures = new Figures($"Fault suite with a schedule: {ScheduleFirings} firings of '{cron}' over {ScheduleTagged} tagged images, keepLast {KeepLast}, each timer event x3, and {manual.Count} manual exports (seed {Size.Seed}, COS faults)", output);
        figures.Add("schedule firings planned / ahead of the timer once wired", $"{planned.Count} / {firings.Count}");
        figures.Add("schedule runs (GET /exports?schedule=)", snapshot.Runs.Count);
        figures.Add("firings accounted for (a run, or a notification that nothing was started)", accounted.Count);
        figures.Add("firings lost (neither)", firings.Count(f => !accounted.Contains(f)));
        figures.Add("runs sharing a slot, or without one", duplicateSlots);
        figures.Add("timer events delivered to start in all (x3)", stack.Duplicator?.Delivered ?? 0);
        figures.Add("timer invocations retried (the first copy failed)", timerLines.Count(l => l.Contains(" retrying in ", StringComparison.Ordinal)));
        figures.Add("manual exports accepted (202) of requested", $"{manual.Count} / {images - ScheduleTagged}");
        figures.Add("jobs lost (manual)", snapshot.Lost);
        figures.Add("jobs not terminal at the end", snapshot.NotTerminal);
        figures.Add("images exported other than once per completed job", exportedTwice);
        figures.Add("files deleted by retention (state deleted)", deletedInAll);
        figures.Add("files deleted that retention should have kept (newest per image, manual jobs)", keptMissing);
        figures.Add("files outside any run's record deleted (decoys)", decoysMissing);
        figures.Add("files marked deleted still in the bucket", markedDeletedPresent);
        figures.Add("files retention expired still in the bucket", expiredPresent);
        figures.Add("notifications.jsonl lines", notifications.Count);
        figures.Add("notifications sent twice (same id and channel)", announcedTwice);
        figures.Add("runs never announced", runsUnannounced);
        figures.Add("DeleteMultipleObjects faults injected", stack.Emulator.Faults.Counters.Snapshot().Where(p => p.Key.StartsWith("cos:DeleteMultipleObjects:", StringComparison.Ordinal)).Sum(p => p.Value));
        figures.Add("wall time (s)", elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture));
        figures.Publish();

        var why = $"\nplanned firings: {string.Join(", ", planned.Select(f => f.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))}" +
            $"\nruns: {string.Join("\n", snapshot.Runs.Select(r => r.ToJsonString()))}\ntimer:\n{string.Join("\n", timerLines)}\n{stack.Log.Problems()}";
        Assert.True(manual.Count == images - ScheduleTagged, "every manual start is eventually accepted" + why);
        Assert.True(snapshot.Lost == 0 && snapshot.NotTerminal == 0, "jobs lost or not terminal" + why);
        Assert.True(firings.Count >= 2, $"the stack started too late for the schedule ({firings.Count} of {planned.Count} firings ahead)" + why);
        Assert.True(firings.All(accounted.Contains), $"every firing is a run or a notification that nothing was started ({accounted.Count} for {firings.Count} firings)" + why);
        Assert.True(accounted.All(planned.Contains), "every run's slot is a firing of the schedule's cron" + why);
        Assert.True(duplicateSlots == 0, "runs sharing a slot" + why);
        Assert.True(exportedTwice == 0, "images exported other than once per completed job" + why);
        Assert.True(announcedTwice == 0 && runsUnannounced == 0, $"notifications ({announcedTwice} sent twice, {runsUnannounced} runs never announced)" + why);
        Assert.True(keptMissing == 0, "files deleted that retention should have kept" + why);
        Assert.True(decoysMissing == 0, "files no run recorded were deleted" + why);
        Assert.True(markedDeletedPresent == 0, "files marked deleted but still there" + why);
        Assert.True(expiredPresent == 0, "files retention expired still there" + why);
    }

    /// <summary>
    /// A 7-field cron that fires <paramref name="count"/> times, <paramref name="every"/> apart (a divisor of a minute), from
    /// the first whole second at or after <paramref name="from"/> that starts a full round: the seconds of one minute's
    /// firings crossed with as many minutes as the count needs (<c>5,35 24,25 * * * * *</c>: 24:05, 24:35, 25:05, 25:35).
    /// It fires once per hour, so once in a test's lifetime, and means the same in any whole-hour time zone (UTC+8
    /// included). Returns the cron and the firing times.
    /// </summary>
    internal static (string Cron, IReadOnlyList<DateTimeOffset> Firings) BoundedCron(DateTimeOffset from, int count, TimeSpan every)
    {
        var step = (int)every.TotalSeconds;
        if (step <= 0 || 60 % step != 0 || count % (60 / step) != 0 && count > 60 / step)
        {
            throw new ArgumentOutOfRangeException(nameof(every), every, "a divisor of a minute, and a count that fills whole minutes when it needs more than one");
        }

        var perMinute = Math.Min(count, 60 / step);
        var first = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, from.Minute, from.Second, TimeSpan.Zero).AddSeconds(1);
        // The round starts in the first `step` seconds of a minute, so each minute's firings are the same seconds.
        if (first.Second >= step || first.Second + step * (perMinute - 1) > 59)
        {
            first = first.AddSeconds(60 - first.Second);
        }

        var minutes = (count + perMinute - 1) / perMinute;
        var firings = Enumerable.Range(0, minutes)
            .SelectMany(m => Enumerable.Range(0, perMinute).Select(i => first.AddMinutes(m).AddSeconds(i * step)))
            .ToList();
        var seconds = string.Join(',', Enumerable.Range(0, perMinute).Select(i => (first.Second + i * step).ToString(CultureInfo.InvariantCulture)));
        var minuteList = string.Join(',', Enumerable.Range(0, minutes).Select(m => first.AddMinutes(m).Minute.ToString(CultureInfo.InvariantCulture)));
        return ($"{seconds} {minuteList} * * * * *", firings);
    }

    /// <summary>
    /// The slots a firing ended in: a run's, or one named by a notification that nothing was started (every image busy
    /// with the previous run, say); a firing in neither was lost.
    /// </summary>
    private static HashSet<DateTimeOffset> AccountedSlots(ReliabilityStack stack, Snapshot snapshot)
    {
        var slots = snapshot.Runs.Select(r => (string?)r["schedule"]?["slot"]).OfType<string>().Select(Slot).ToHashSet();
        // notifications.jsonl keeps the webhook's body under "payload"; a run's notification says its schedule and slot in "run".
        foreach (var line in stack.Notifications().Where(n => (string?)n["jobId"] is null && (string?)n["payload"]?["run"]?["schedule"] == ScheduleName))
        {
            if ((string?)line["payload"]?["run"]?["slot"] is { } slot)
            {
                slots.Add(Slot(slot));
            }
        }

        return slots;
    }

    private static DateTimeOffset Slot(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static async Task<Snapshot> SnapshotAsync(ReliabilityStack stack, IEnumerable<string> manualJobIds)
    {
        var manual = new List<JsonObject>();
        var lost = 0;
        foreach (var jobId in manualJobIds)
        {
            if (await ReadJobAsync(stack, jobId) is { } job)
            {
                manual.Add(job);
            }
            else
            {
                lost++;
            }
        }

        return new Snapshot(await ListRunsAsync(stack), manual, lost);
    }

    /// <summary><c>GET /exports?schedule=NAME</c>, every page; a read that failed under faults is tried again.</summary>
    private static async Task<List<JsonObject>> ListRunsAsync(ReliabilityStack stack)
    {
        var runs = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var path = $"/exports?schedule={ScheduleName}&limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            JsonObject? page = null;
            for (var attempt = 0; attempt < 10 && page is null; attempt++)
            {
                try
                {
                    var (status, body, text) = await stack.GetAsync(path);
                    page = status == 200 ? body : status < 500 ? throw new InvalidOperationException($"GET {path}: {status} {text}") : null;
                }
                catch (HttpRequestException)
                {
                }

                if (page is null)
                {
                    await Task.Delay(200);
                }
            }

            if (page is null)
            {
                throw new InvalidOperationException($"GET {path} failed 10 times in a row");
            }

            runs.AddRange(page["jobs"]!.AsArray().Select(j => j!.AsObject()));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        return runs;
    }

    private static IEnumerable<JsonObject> Files(JsonObject job) =>
        job["images"]!.AsArray().SelectMany(i => i!["files"]?.AsArray() ?? []).Select(f => f!.AsObject());

    private static IEnumerable<JsonObject> FilesOf(JsonObject job, string imageId) =>
        job["images"]!.AsArray().Where(i => (string?)i!["imageId"] == imageId).SelectMany(i => i!["files"]?.AsArray() ?? []).Select(f => f!.AsObject());

    private static bool Exists(ReliabilityStack stack, string key)
    {
        try
        {
            stack.Emulator.Cos.Storage.HeadObject(stack.Bucket, key);
            return true;
        }
        catch (CosErrorException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static Task PutDirectAsync(ReliabilityStack stack, string key) =>
        stack.Emulator.Cos.PutObjectAsync(
            stack.Bucket, key, new MemoryStream("not an export"u8.ToArray()), "application/octet-stream", new Dictionary<string, string>(), false, null,
            new CosRequestOrigin("reliability-decoy", "127.0.0.1", null), CancellationToken.None);

    /// <summary>The schedule's runs and the manual jobs at one moment.</summary>
    private sealed record Snapshot(IReadOnlyList<JsonObject> Runs, IReadOnlyList<JsonObject> Manual, int Lost)
    {
        public IEnumerable<JsonObject> All => Runs.Concat(Manual);

        public int NotTerminal => All.Count(j => (string?)j["state"] is not ("completed" or "failed"));

        /// <summary>Runs in which <paramref name="imageId"/> completed, oldest slot first.</summary>
        public List<JsonObject> CompletedRunsOf(string imageId) =>
            [.. Runs.Where(r => r["images"]!.AsArray().Any(i => (string?)i!["imageId"] == imageId && (string?)i["state"] == "completed"))
                .OrderBy(r => Slot((string)r["schedule"]!["slot"]!))];

        /// <summary>Files of the newest <paramref name="keepLast"/> completed runs per image, and of every manual job, not in the bucket.</summary>
        public int KeptFilesMissing(ReliabilityStack stack, int keepLast)
        {
            var kept = Runs.SelectMany(r => r["images"]!.AsArray().Select(i => (string)i!["imageId"]!)).Distinct()
                .SelectMany(id => CompletedRunsOf(id).TakeLast(keepLast).SelectMany(r => FilesOf(r, id)))
                .Concat(Manual.Where(j => (string?)j["state"] == "completed").SelectMany(Files));
            return kept.Count(f => (string?)f["state"] == "deleted" || !Exists(stack, (string)f["key"]!));
        }

        /// <summary>Files of completed runs older than the newest <paramref name="keepLast"/> per image still in the bucket.</summary>
        public int ExpiredFilesPresent(ReliabilityStack stack) =>
            Runs.SelectMany(r => r["images"]!.AsArray().Select(i => (string)i!["imageId"]!)).Distinct()
                .SelectMany(id => CompletedRunsOf(id).SkipLast(KeepLast).SelectMany(r => FilesOf(r, id)))
                .Count(f => Exists(stack, (string)f["key"]!));

        public int MarkedDeletedButPresent(ReliabilityStack stack) =>
            All.SelectMany(Files).Count(f => (string?)f["state"] == "deleted" && Exists(stack, (string)f["key"]!));
    }
}
