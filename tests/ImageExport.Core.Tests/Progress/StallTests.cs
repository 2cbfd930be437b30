using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Progress;

/// <summary>
/// A stall warning before the time limit: no new bytes for the stall time marks the image stalled, with the time of its
/// last progress, and one <c>stalled</c> notification goes out per channel; bytes flowing again clear the flag.
/// </summary>
public sealed class StallTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public async Task AStalledExportIsFlaggedWithinTheStallTimeAndAnnouncedOncePerChannel()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_STALL_AFTER_MINUTES"] = "2");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var upload = app.Cos.StartUpload(TestApp.Bucket, ProgressTests.SystemKey(started.JobId, "img-linux001", "raw"));
        app.Time.Advance(TimeSpan.FromSeconds(10));
        app.Cos.AddPart(TestApp.Bucket, upload, GiB);
        var lastPart = app.Time.GetUtcNow();
        await app.PollAsync();

        app.Time.Advance(TimeSpan.FromMinutes(1.5));
        await app.PollAsync();
        var before = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!;
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.PollAsync(); // later ticks and duplicated timers send nothing more
        await app.PollAsync();
        var image = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!;

        Assert.False(before["stalled"]!.GetValue<bool>());
        Assert.True(image["stalled"]!.GetValue<bool>());
        Assert.Equal(lastPart, image["lastProgressAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("exporting", image["state"]!.GetValue<string>());
        Assert.All(app.Channels, channel =>
        {
            var sent = Assert.Single(channel.Delivered);
            Assert.Equal("stalled", sent.Outcome);
            Assert.Equal($"{started.JobId}:stalled:img-linux001", sent.Id);
            Assert.Contains("no new bytes", sent.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task BytesFlowingAgainClearTheFlagAndTheJobCompletesWithItsCompletedNotification()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_STALL_AFTER_MINUTES"] = "2");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 2));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var upload = app.Cos.StartUpload(TestApp.Bucket, ProgressTests.SystemKey(started.JobId, "img-linux001", "raw"));
        app.Cos.AddPart(TestApp.Bucket, upload, GiB);
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromMinutes(3));
        await app.PollAsync();
        Assert.True((await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!["stalled"]!.GetValue<bool>());

        app.Time.Advance(TimeSpan.FromSeconds(30));
        app.Cos.AddPart(TestApp.Bucket, upload, GiB);
        var resumedAt = app.Time.GetUtcNow();
        await app.PollAsync();
        var resumed = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!;
        app.Cos.CompleteUpload(TestApp.Bucket, upload);
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        Assert.False(resumed["stalled"]!.GetValue<bool>());
        Assert.Equal(resumedAt, resumed["lastProgressAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(2 * GiB, resumed["files"]![0]!["progress"]!["bytes"]!.GetValue<long>());
        Assert.All(app.Channels, channel => Assert.Equal(["stalled", "completed"], channel.Delivered.Select(n => n.Outcome)));
    }

    [Fact]
    public async Task ANeverResumingStallStillTimesOutAndFails()
    {
        var app = new TestApp(env =>
        {
            env["IMAGEEXPORT_STALL_AFTER_MINUTES"] = "2";
            env["IMAGEEXPORT_EXPORT_TIMEOUT_BASE_MINUTES"] = "10";
            env["IMAGEEXPORT_EXPORT_TIMEOUT_MINUTES_PER_GIB"] = "0";
        });
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        app.Cos.AddPart(TestApp.Bucket, app.Cos.StartUpload(TestApp.Bucket, ProgressTests.SystemKey(started.JobId, "img-linux001", "raw")), GiB);
        for (var minute = 0; minute < 12; minute++)
        {
            await app.PollAsync();
            app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        await app.PollAsync();

        var job = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;
        Assert.Equal("failed", job["state"]!.GetValue<string>());
        Assert.Contains("timed out", job["images"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(app.Channels, channel => Assert.Equal(["stalled", "failed"], channel.Delivered.Select(n => n.Outcome)));
    }

    [Fact]
    public async Task AnExportWithNothingObservedIsNeverCalledStalledItsTimeLimitCoversIt()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_STALL_AFTER_MINUTES"] = "1");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        for (var minute = 0; minute < 5; minute++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            await app.PollAsync();
        }

        Assert.False((await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!["stalled"]!.GetValue<bool>());
        Assert.All(app.Channels, channel => Assert.Empty(channel.Delivered));
    }

    [Fact]
    public async Task AFailingChannelGetsTheStalledNotificationOnALaterTickAndTheOtherIsNotSentItAgain()
    {
        var webhook = new RecordingChannel("webhook", failures: 1);
        var slack = new RecordingChannel("slack");
        var app = new TestApp(env =>
        {
            env["IMAGEEXPORT_STALL_AFTER_MINUTES"] = "2";
            env["IMAGEEXPORT_NOTIFY_RETRY_MINUTES"] = "1";
        }, webhook, slack);
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        app.Cos.AddPart(TestApp.Bucket, app.Cos.StartUpload(TestApp.Bucket, ProgressTests.SystemKey(started.JobId, "img-linux001", "raw")), GiB);
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromMinutes(3));
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await app.PollAsync();

        Assert.Equal(2, webhook.Attempts);
        Assert.Single(webhook.Delivered);
        Assert.Single(slack.Delivered);
    }
}
