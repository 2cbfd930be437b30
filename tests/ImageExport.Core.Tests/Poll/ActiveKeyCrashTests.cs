using ImageExport.Core.Jobs;
using ImageExport.Core.Storage;
using ImageExport.Core.Tests.Support;
using Serilog.Core;

namespace ImageExport.Core.Tests.Poll;

public sealed class ActiveKeyCrashTests
{
    [Fact]
    public async Task ACrashBetweenWritingTheNewActiveKeyAndDeletingTheOldLeavesAHarmlessDuplicate()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var job = await Store(app).ReadAsync(started.JobId, CancellationToken.None);
        // The key the job had before it was submitted, as if its writer had died before deleting it.
        await app.Cos.PutObjectAsync(TestApp.Bucket, TestApp.StatePrefix + JobStore.ActiveKey(job! with { Seq = 1, Images = [job.Images[0] with { State = JobStates.Queued }] }, job.CreatedAt), new byte[] { 0x7b, 0x7d }, "application/json", true, CancellationToken.None);
        Assert.Equal(2, app.StateKeys("active/").Count);

        var tick = await app.PollAsync();

        Assert.Equal(1, tick["active"]!.GetValue<int>());
        Assert.Equal(0, tick["submitted"]!.GetValue<int>());
        Assert.Single(app.Cvm.ExportCalls);
        Assert.Single(app.StateKeys("active/"));
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        Assert.Empty(app.StateKeys("active/"));
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
    }

    [Fact]
    public async Task AStaleKeyThatSaysAFinishedJobIsStillQueuedNeitherExportsNorAnnouncesItAgain()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var job = await Store(app).ReadAsync(started.JobId, CancellationToken.None);
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        // A writer that crashed long ago left a key from before the export started.
        await app.Cos.PutObjectAsync(TestApp.Bucket, TestApp.StatePrefix + JobStore.ActiveKey(job! with { Seq = 1, Images = [job.Images[0] with { State = JobStates.Queued }] }, null), new byte[] { 0x7b, 0x7d }, "application/json", true, CancellationToken.None);

        await app.PollAsync();
        await app.PollAsync();

        Assert.Single(app.Cvm.ExportCalls);
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
        Assert.Empty(app.StateKeys("active/"));
    }

    [Fact]
    public async Task AnActiveKeyOfTheOlderLayoutIsReconciledAndReplaced()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        foreach (var key in app.StateKeys("active/"))
        {
            await app.Cos.DeleteObjectAsync(TestApp.Bucket, TestApp.StatePrefix + key, CancellationToken.None);
        }

        await app.Cos.PutObjectAsync(TestApp.Bucket, TestApp.StatePrefix + "active/" + started.JobId, new byte[] { 0x7b, 0x7d }, "application/json", true, CancellationToken.None);
        app.Cvm.Finish("img-linux001"); // its event is lost
        app.Time.Advance(TimeSpan.FromHours(1));

        await app.PollAsync();

        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        Assert.Empty(app.StateKeys("active/"));
    }

    [Fact]
    public async Task OverlappingPollsNeverLeaveAnUnfinishedJobWithoutAnActiveKey()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "1");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001", "img-linux002"));

        for (var round = 0; round < 8; round++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(3));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.PollAsync())));
            Assert.NotEmpty(app.StateKeys("active/"));
        }

        Assert.Single(app.Cvm.ExportCalls);
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.PollAsync())));
        Assert.Equal(2, app.Cvm.ExportCalls.Count);
        await app.NotifyAsync(app.Cvm.Finish("img-linux002"));
        await app.PollAsync();
        Assert.Empty(app.StateKeys("active/"));
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
    }

    private static JobStore Store(TestApp app) => new(new StateStore(app.Cos, TestApp.Bucket, TestApp.StatePrefix), Logger.None);
}
