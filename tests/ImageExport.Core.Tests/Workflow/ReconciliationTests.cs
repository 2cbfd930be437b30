using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Workflow;

public sealed class ReconciliationTests
{
    [Fact]
    public async Task AMissedCosEventIsRecoveredByThePollsListing()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", dataDisks: 2));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        app.Cvm.Finish("img-linux001"); // files land, the trigger never fires
        await app.PollAsync();

        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("completed", job.Body!["state"]!.GetValue<string>());
        Assert.Equal(3, job.Body["images"]![0]!["files"]!.AsArray().Count(f => f!["state"]!.GetValue<string>() == "landed"));
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
        Assert.Equal(0, app.Cos.HeadObjectCalls);
    }

    [Fact]
    public async Task AStalledExportTimesOutAndIsAnnouncedAsFailed()
    {
        var app = new TestApp(env =>
        {
            env["IMAGEEXPORT_EXPORT_TIMEOUT_BASE_MINUTES"] = "30";
            env["IMAGEEXPORT_EXPORT_TIMEOUT_MINUTES_PER_GIB"] = "1";
        });
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        app.Time.Advance(TimeSpan.FromMinutes(49));
        await app.PollAsync();
        Assert.Equal("exporting", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        Assert.All(app.Channels, c => Assert.Empty(c.Delivered));

        app.Time.Advance(TimeSpan.FromMinutes(2));
        await app.PollAsync();

        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("failed", job.Body!["state"]!.GetValue<string>());
        Assert.StartsWith("timed out after 51 min", job.Body["images"]![0]!["reason"]!.GetValue<string>());
        foreach (var channel in app.Channels)
        {
            var notification = Assert.Single(channel.Delivered);
            Assert.Equal("failed", notification.Outcome);
            Assert.Equal($"{started.JobId}:failed", notification.Id);
            Assert.Contains("timed out after", notification.Reason);
        }
        await app.PollAsync();
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
    }

    [Fact]
    public async Task ThePollStopsBeforeTheDeadlineAndLeavesTheRestForTheNextTick()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        app.Cvm.Finish("img-linux001");

        var hurried = await app.PollAsync(timeLeft: TimeSpan.FromSeconds(3));

        Assert.False(hurried["complete"]!.GetValue<bool>());
        Assert.Equal("exporting", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());

        var next = await app.PollAsync();

        Assert.True(next["complete"]!.GetValue<bool>());
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownOutcomeSubmitIsNotExportedTwiceWhenCvmStartedIt()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownAfterStart);

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        Assert.Equal(202, started.Status);
        Assert.Equal("unknown", started.Body!["images"]![0]!["submission"]!.GetValue<string>());
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromMinutes(31));
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromMinutes(31));
        await app.PollAsync();

        Assert.Single(app.Cvm.ExportCalls);
        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("submitted", job.Body!["images"]![0]!["submission"]!.GetValue<string>());

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        Assert.Single(app.Cvm.ExportCalls);
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
    }

    [Fact]
    public async Task AnUnknownOutcomeSubmitThatNeverReachedCvmIsSubmittedOnceMoreAfterTheGracePeriod()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownBeforeStart);
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        app.Time.Advance(TimeSpan.FromMinutes(10));
        await app.PollAsync();
        Assert.Single(app.Cvm.ExportCalls);

        app.Time.Advance(TimeSpan.FromMinutes(21));
        await app.PollAsync();
        await app.PollAsync();

        Assert.Equal(2, app.Cvm.ExportCalls.Count);
        Assert.True(app.Cvm.IsExporting("img-linux001"));
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARepeatedlyUnknownOutcomeIsResubmittedWhileCvmReportsTheImageIdleAndThenCompletes()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownBeforeStart);
        app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownBeforeStart);
        app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownBeforeStart);
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        for (var tick = 0; tick < 3; tick++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(31));
            await app.PollAsync();
        }

        Assert.Equal(4, app.Cvm.ExportCalls.Count);
        Assert.True(app.Cvm.IsExporting("img-linux001"));
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData("1", 1)]
    [InlineData("0", 0)]
    public async Task ResubmissionsAfterUnknownOutcomesStopAtTheLimitAndTheImageTimesOut(string? limit, int resubmissions)
    {
        var app = new TestApp(env =>
        {
            if (limit is not null)
            {
                env["IMAGEEXPORT_UNKNOWN_RESUBMIT_LIMIT"] = limit;
            }
        });
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 100));
        for (var i = 0; i < 12; i++)
        {
            app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownBeforeStart);
        }

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        for (var tick = 0; tick < 10; tick++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(31));
            await app.PollAsync();
        }

        Assert.Equal(1 + resubmissions, app.Cvm.ExportCalls.Count);
        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("failed", job.Body!["state"]!.GetValue<string>());
        Assert.Contains("unknown", job.Body["images"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownOutcomeIsNotResubmittedAgainWhileCvmReportsTheImageBusy()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 100));
        app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownBeforeStart);
        app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownAfterStart);
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        for (var tick = 0; tick < 4; tick++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(31));
            await app.PollAsync();
        }

        Assert.Equal(2, app.Cvm.ExportCalls.Count);
        Assert.Equal("submitted", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!["submission"]!.GetValue<string>());
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnExportThatEndsWhileThePollAsksCvmIsNotSubmittedASecondTime()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownAfterStart);
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        // The poll lists the prefix (nothing yet), then asks CVM; the export ends in between, its COS event lost, so
        // CVM answers that the image is idle.
        app.Cvm.BeforeDescribe = () =>
        {
            app.Cvm.BeforeDescribe = null;
            app.Cvm.Finish("img-linux001");
            return Task.CompletedTask;
        };
        app.Time.Advance(TimeSpan.FromMinutes(31));
        await app.PollAsync();
        Assert.Equal("submitted", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!["submission"]!.GetValue<string>());
        app.Time.Advance(TimeSpan.FromMinutes(31));
        await app.PollAsync();

        Assert.Single(app.Cvm.ExportCalls);
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task FilesOfAnUnknownOutcomeSubmitCompleteTheImageWithoutAnotherCall()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", dataDisks: 1));
        app.Cvm.ScriptNext("img-linux001", FakeCvm.Script.UnknownAfterStart);
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        Assert.Single(app.Cvm.ExportCalls);
    }
}
