using System.Text.Json.Nodes;
using ImageExport.Core.Tests.Support;
using ImageExport.TencentCloud.Cos;
using static ImageExport.Core.Tests.Schedules.ScheduleHarness;

namespace ImageExport.Core.Tests.Schedules;

/// <summary>Retention in the poll: what a schedule's runs keep, what they delete, and that nothing else is ever touched.</summary>
public sealed class RetentionTests
{
    private const string Golden = "img-golden01";

    [Fact]
    public async Task SixWeeklyRunsKeepingTheLastFourExpireExactlyTheOldestTwoAndNothingElseInTheBucket()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage(Golden, dataDisks: 1));
        // Before the schedule: an export made in the console (a file no job knows) and one started by hand.
        const string consoleKey = "golden_xvda.raw";
        h.App.Cos.Write(TestApp.Bucket, consoleKey, 1 << 20);
        h.App.Time.SetUtcNow(FirstFiring - TimeSpan.FromDays(1));
        var manual = await h.App.PostExportsAsync(new JsonObject { ["imageIds"] = new JsonArray(Golden), ["bucket"] = TestApp.Bucket, ["prefix"] = "weekly" }.ToJsonString());
        Assert.Equal(202, manual.Status);
        await h.FinishAsync(manual.JobId);
        var schedule = Weekly("weekly-golden", Ids(Golden), keepLast: 4);

        var runs = new List<string>();
        for (var week = 0; week < 6; week++)
        {
            runs.Add(await h.RunWeekAsync(week, schedule));
        }

        var jobs = new List<JsonNode>();
        foreach (var run in runs)
        {
            jobs.Add(await h.JobAsync(run));
        }

        Assert.All(jobs, j => Assert.Equal("completed", j["state"]!.GetValue<string>()));
        Assert.All(jobs, j => Assert.Equal(2, Files(j).Count()));
        foreach (var expired in jobs.Take(2))
        {
            Assert.All(Files(expired), f => Assert.Equal("deleted", f["state"]!.GetValue<string>()));
            Assert.All(Files(expired), f => Assert.NotNull(f["deletedAt"]));
            Assert.All(Keys(expired), k => Assert.DoesNotContain(k, h.App.Cos.Keys(TestApp.Bucket)));
        }
        foreach (var kept in jobs.Skip(2))
        {
            Assert.All(Files(kept), f => Assert.Equal("landed", f["state"]!.GetValue<string>()));
            Assert.All(Keys(kept), k => Assert.Contains(k, h.App.Cos.Keys(TestApp.Bucket)));
        }
        // Exactly the oldest two runs' recorded files were deleted, each once, and nothing else.
        var deletedKeys = h.App.Cos.MultiDeletes.SelectMany(d => d).ToList();
        Assert.Equal(jobs.Take(2).SelectMany(Keys).Order(), deletedKeys.Order());
        Assert.Equal(deletedKeys.Count, deletedKeys.Distinct().Count());
        Assert.Contains(consoleKey, h.App.Cos.Keys(TestApp.Bucket));
        var manualJob = await h.JobAsync(manual.JobId);
        Assert.Null(manualJob["schedule"]);
        Assert.All(Files(manualJob), f => Assert.Equal("landed", f["state"]!.GetValue<string>()));
        Assert.All(Keys(manualJob), k => Assert.Contains(k, h.App.Cos.Keys(TestApp.Bucket)));
        // Each run's files are its own: <prefix>/<slot>_<image>_…, so no two runs ever share a key.
        Assert.Equal(12, jobs.SelectMany(Keys).Distinct().Count());
        Assert.All(jobs, j => Assert.Matches("^weekly/20[0-9]{6}-[0-9]{6}$", j["prefix"]!.GetValue<string>()));

        // The fifth run's notification says it deleted the first run's files, the sixth the second's, with the bytes freed.
        foreach (var channel in h.App.Channels)
        {
            var fifth = channel.Delivered.Single(n => n.JobId == runs[4]);
            Assert.Equal(Keys(jobs[0]).Order(), fifth.Run!.Deleted.Select(d => d.Key).Order());
            Assert.All(fifth.Run.Deleted, d => Assert.Equal(runs[0], d.JobId));
            Assert.Equal((20L << 30) + (10L << 30), fifth.Run.Deleted.Sum(d => d.Size));
            Assert.Equal(Keys(jobs[1]).Order(), channel.Delivered.Single(n => n.JobId == runs[5]).Run!.Deleted.Select(d => d.Key).Order());
            Assert.All(channel.Delivered.Where(n => runs.Take(4).Contains(n.JobId)), n => Assert.Empty(n.Run!.Deleted));
            Assert.Equal(7, channel.Delivered.Count);
        }
    }

    [Fact]
    public async Task ACrashBetweenTheRecordedDecisionAndTheDeleteIsResumedByTheNextPollAndDeletesNothingTwice()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage(Golden, dataDisks: 1));
        var schedule = Weekly("weekly-golden", Ids(Golden), keepLast: 1);
        var first = await h.RunWeekAsync(0, schedule);
        var crashes = 1;
        h.App.Cos.FailMultiDelete = _ => crashes-- > 0 ? new IOException("the function died before COS answered") : null;

        var second = await h.RunWeekAsync(1, schedule);

        // The crash: the decision is recorded on the first run, nothing is deleted, the second run is not announced yet.
        var decided = await h.JobAsync(first);
        Assert.All(Files(decided), f => Assert.Equal("landed", f["state"]!.GetValue<string>()));
        Assert.Empty(h.App.Cos.MultiDeletes);
        Assert.All(h.App.Channels, c => Assert.DoesNotContain(c.Delivered, n => n.JobId == second));

        await h.PollAsync();

        var expired = await h.JobAsync(first);
        Assert.All(Files(expired), f => Assert.Equal("deleted", f["state"]!.GetValue<string>()));
        var delete = Assert.Single(h.App.Cos.MultiDeletes);
        Assert.Equal(Keys(expired).Order(), delete.Order());
        Assert.All(Files(await h.JobAsync(second)), f => Assert.Equal("landed", f["state"]!.GetValue<string>()));
        foreach (var channel in h.App.Channels)
        {
            var announced = Assert.Single(channel.Delivered, n => n.JobId == second);
            Assert.Equal(Keys(expired).Order(), announced.Run!.Deleted.Select(d => d.Key).Order());
        }

        // Later ticks find nothing more to do.
        await h.PollAsync();
        await h.PollAsync();
        Assert.Single(h.App.Cos.MultiDeletes);
    }

    [Fact]
    public async Task MaxAgeDaysExpiresOlderRunsButNeverTheNewestExportOfAnImage()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage(Golden));
        h.App.Cvm.Catalog.Add(Some.LinuxImage("img-other001"));
        var schedule = Weekly("weekly-golden", Ids(Golden, "img-other001"), keepLast: null, maxAgeDays: 10);
        var first = await h.RunWeekAsync(0, schedule);
        // The second run exports only the golden image: the other one's only export stays, however old.
        var second = await h.RunWeekAsync(1, Weekly("weekly-golden", Ids(Golden), keepLast: null, maxAgeDays: 10));

        var third = await h.RunWeekAsync(2, Weekly("weekly-golden", Ids(Golden), keepLast: null, maxAgeDays: 10));

        var old = await h.JobAsync(first);
        var golden = old["images"]!.AsArray().Single(i => i!["imageId"]!.GetValue<string>() == Golden)!;
        var other = old["images"]!.AsArray().Single(i => i!["imageId"]!.GetValue<string>() == "img-other001")!;
        Assert.All(golden["files"]!.AsArray(), f => Assert.Equal("deleted", f!["state"]!.GetValue<string>()));
        Assert.All(other["files"]!.AsArray(), f => Assert.Equal("landed", f!["state"]!.GetValue<string>()));
        // A week old when the third run finished: kept.
        Assert.All(Files(await h.JobAsync(second)), f => Assert.Equal("landed", f["state"]!.GetValue<string>()));
        Assert.All(Files(await h.JobAsync(third)), f => Assert.Equal("landed", f["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ADryRunReportsWhatItWouldDeleteAndDeletesNothing()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage(Golden));
        var schedule = Weekly("weekly-golden", Ids(Golden), keepLast: 1, dryRun: true);
        var first = await h.RunWeekAsync(0, schedule);

        var second = await h.RunWeekAsync(1, schedule);

        Assert.Empty(h.App.Cos.MultiDeletes);
        var kept = await h.JobAsync(first);
        Assert.All(Files(kept), f => Assert.Equal("landed", f["state"]!.GetValue<string>()));
        Assert.All(Keys(kept), k => Assert.Contains(k, h.App.Cos.Keys(TestApp.Bucket)));
        foreach (var channel in h.App.Channels)
        {
            var run = channel.Delivered.Single(n => n.JobId == second).Run!;
            Assert.True(run.RetentionDryRun);
            Assert.Equal(Keys(kept), run.Deleted.Select(d => d.Key));
        }
    }

    [Fact]
    public async Task WithoutDeletePermissionRetentionReportsTheRefusalOnceAndLeavesTheFiles()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage(Golden));
        var schedule = Weekly("weekly-golden", Ids(Golden), keepLast: 1);
        var first = await h.RunWeekAsync(0, schedule);
        h.App.Cos.DenyDelete = true;

        var second = await h.RunWeekAsync(1, schedule);
        await h.PollAsync();
        await h.PollAsync();

        var kept = await h.JobAsync(first);
        Assert.All(Files(kept), f => Assert.Equal("landed", f["state"]!.GetValue<string>()));
        Assert.All(Keys(kept), k => Assert.Contains(k, h.App.Cos.Keys(TestApp.Bucket)));
        Assert.Single(h.App.Cos.MultiDeletes);
        Assert.Single(h.App.Logs.Lines, l => l.Contains("COS refused to delete", StringComparison.Ordinal));
        foreach (var channel in h.App.Channels)
        {
            var run = Assert.Single(channel.Delivered, n => n.JobId == second).Run!;
            Assert.Empty(run.Deleted);
            Assert.Equal(Keys(kept), run.DeleteRefused.Select(d => d.Key));
            Assert.All(run.DeleteRefused, d => Assert.Equal("AccessDenied", d.Code));
        }
    }

    [Fact]
    public async Task ARefusalOfTheWholeDeleteRequestIsReportedTheSameWay()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage(Golden));
        var schedule = Weekly("weekly-golden", Ids(Golden), keepLast: 1);
        var first = await h.RunWeekAsync(0, schedule);
        h.App.Cos.FailMultiDelete = _ => new CosException(403, "AccessDenied", "Access Denied.", "req-1");

        var second = await h.RunWeekAsync(1, schedule);

        Assert.All(Files(await h.JobAsync(first)), f => Assert.Equal("landed", f["state"]!.GetValue<string>()));
        Assert.All(h.App.Channels, c => Assert.NotEmpty(Assert.Single(c.Delivered, n => n.JobId == second).Run!.DeleteRefused));
    }
}
