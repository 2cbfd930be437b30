using ImageExport.Core.Jobs;
using ImageExport.Core.Storage;
using ImageExport.Core.Tests.Support;
using Serilog.Core;

namespace ImageExport.Core.Tests.Poll;

public sealed class PollCostTests
{
    [Fact]
    public async Task ATickOverThousandsOfJobsOfWhichNoneIsDueMakesOneListPerThousandJobs()
    {
        const int Waiting = 2500;
        // The reconciling cost alone; sampling the one exporting job for progress is specified in ProgressCostTests.
        var app = new TestApp(env =>
        {
            env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "1";
            env["IMAGEEXPORT_PROGRESS"] = "false";
        });
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        await app.PostExportsAsync(TestApp.ExportBody("img-linux001")); // takes the only slot
        await SeedQueuedJobsAsync(app, Waiting);
        await app.PollAsync(); // a new job is looked at once, then waits for a free slot
        app.Time.Advance(TimeSpan.FromSeconds(30));
        app.Cos.ClearRequests();
        var describes = app.Cvm.DescribeCalls;

        var tick = await app.PollAsync();

        Assert.Equal(Waiting + 1, tick["active"]!.GetValue<int>());
        Assert.Equal(0, tick["due"]!.GetValue<int>());
        Assert.True(app.Cos.Requests.Count <= (Waiting + 1) / 1000 + 2, string.Join("\n", app.Cos.Requests.Take(20)));
        Assert.All(app.Cos.Requests, r => Assert.StartsWith("LIST", r));
        Assert.Equal(describes, app.Cvm.DescribeCalls);
        Assert.Single(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task AnExportingJobIsNotReadAgainUntilItsNextCheckIsDue()
    {
        // Reconciling alone: with progress on, an exporting job is read once a tick to sample it (ProgressCostTests).
        var app = new TestApp(env => env["IMAGEEXPORT_PROGRESS"] = "false");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        await app.PollAsync(); // the first look right after submission finds nothing yet

        app.Time.Advance(TimeSpan.FromSeconds(30));
        app.Cos.ClearRequests();
        var early = await app.PollAsync();

        Assert.Equal(0, early["due"]!.GetValue<int>());
        Assert.DoesNotContain(app.Cos.Requests, r => r.Contains($"jobs/{started.JobId}/", StringComparison.Ordinal));

        app.Cvm.Finish("img-linux001"); // the COS event is lost
        app.Time.Advance(TimeSpan.FromSeconds(31));
        var due = await app.PollAsync();

        Assert.Equal(1, due["due"]!.GetValue<int>());
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
        Assert.Empty(app.StateKeys("active/"));
    }

    [Fact]
    public async Task TheTimeLimitMakesAJobDueExactlyWhenItRunsOut()
    {
        var app = new TestApp(env =>
        {
            env["IMAGEEXPORT_EXPORT_TIMEOUT_BASE_MINUTES"] = "3";
            env["IMAGEEXPORT_EXPORT_TIMEOUT_MINUTES_PER_GIB"] = "0";
        });
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromMinutes(2.5));
        await app.PollAsync(); // checks files; the next check would be a minute on, past the limit

        app.Time.Advance(TimeSpan.FromSeconds(31));
        await app.PollAsync();

        Assert.Equal("failed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task SeveralExportingImagesOfAJobAreCheckedWithOneListing()
    {
        var app = new TestApp();
        foreach (var id in new[] { "img-linux001", "img-linux002", "img-linux003" })
        {
            app.Cvm.Catalog.Add(Some.LinuxImage(id, dataDisks: 1));
        }

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001", "img-linux002", "img-linux003"));
        app.Cvm.Finish("img-linux002"); // its event is lost
        app.Cos.ClearRequests();

        await app.PollAsync();

        Assert.Single(app.Cos.Requests, r => r.StartsWith($"LIST {TestApp.Bucket}/{started.JobId}_", StringComparison.Ordinal));
        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("completed", job.Body!["images"]![1]!["state"]!.GetValue<string>());
        Assert.Equal("exporting", job.Body["images"]![0]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task AJobKeepsExactlyOneActiveKeyThroughItsLife()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "1");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001", "img-linux002"));
        Assert.Single(app.StateKeys("active/"));

        for (var tick = 0; tick < 3; tick++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(2));
            await app.PollAsync();
            Assert.Single(app.StateKeys("active/"));
        }
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        Assert.Single(app.StateKeys("active/"));
        await app.PollAsync();
        Assert.Contains("-r1-q0", Assert.Single(app.StateKeys("active/")));
        await app.NotifyAsync(app.Cvm.Finish("img-linux002"));

        Assert.Empty(app.StateKeys("active/"));
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
    }

    internal static async Task SeedQueuedJobsAsync(TestApp app, int count)
    {
        var store = new JobStore(new StateStore(app.Cos, TestApp.Bucket, TestApp.StatePrefix), Logger.None);
        for (var n = 0; n < count; n++)
        {
            var now = app.Time.GetUtcNow();
            var jobId = JobIds.New(now);
            await store.CreateAsync(new JobRecord
            {
                JobId = jobId,
                State = JobStates.Queued,
                CreatedAt = now,
                UpdatedAt = now,
                Bucket = TestApp.Bucket,
                Region = TestApp.Region,
                Prefix = jobId,
                Format = "raw",
                RoleName = "CVM_QcsRole",
                Images = [new ImageRecord { ImageId = "img-linux009", State = JobStates.Queued, SizeGiB = 20, QueueReason = "waiting for a free export slot" }],
            }, CancellationToken.None);
        }
    }
}
