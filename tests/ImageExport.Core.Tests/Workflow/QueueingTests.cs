using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Workflow;

public sealed class QueueingTests
{
    [Fact]
    public async Task ImagesPastTheConfiguredCapAreQueuedAndSubmittedByThePollWhenCapacityFrees()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "1");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001", "img-linux002"));

        Assert.Equal(202, started.Status);
        var images = started.Body!["images"]!.AsArray();
        Assert.Equal("exporting", images[0]!["state"]!.GetValue<string>());
        Assert.Equal("queued", images[1]!["state"]!.GetValue<string>());
        Assert.NotNull(images[1]!["queueReason"]);
        Assert.Equal(["img-linux001"], app.Cvm.ExportCalls.Select(c => c.ImageIds[0]));

        await app.PollAsync();
        Assert.Single(app.Cvm.ExportCalls);

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        await app.PollAsync();

        Assert.Equal(["img-linux001", "img-linux002"], app.Cvm.ExportCalls.Select(c => c.ImageIds[0]));
        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("exporting", job.Body!["images"]![1]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task OverlappingPollsSubmitAQueuedImageOnce()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "1");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001", "img-linux002"));
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.PollAsync())));

        Assert.Single(app.Cvm.ExportCalls, c => c.ImageIds[0] == "img-linux002");
        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("exporting", job.Body!["images"]![1]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task TencentsRunningTaskLimitQueuesTheImageInsteadOfFailingIt()
    {
        var app = new TestApp();
        app.Cvm.TaskLimit = 1;
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001", "img-linux002"));

        var second = started.Body!["images"]![1]!;
        Assert.Equal("queued", second["state"]!.GetValue<string>());
        Assert.Contains("limit", second["queueReason"]!.GetValue<string>());

        await app.PollAsync();
        Assert.Equal("queued", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![1]!["state"]!.GetValue<string>());

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        await app.PollAsync();
        await app.NotifyAsync(app.Cvm.Finish("img-linux002"));

        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("completed", job.Body!["state"]!.GetValue<string>());
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
    }

    [Fact]
    public async Task AnExportStillThrottledAfterTheClientsRetriesIsQueuedAndSubmittedByThePoll()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.FailRealCallWith["img-linux001"] = "RequestLimitExceeded";

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        Assert.Equal(202, started.Status);
        var image = started.Body!["images"]![0]!;
        Assert.Equal("queued", image["state"]!.GetValue<string>());
        Assert.Contains("throttled", image["queueReason"]!.GetValue<string>());

        app.Cvm.FailRealCallWith.Remove("img-linux001");
        await app.PollAsync();
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        Assert.Equal(2, app.Cvm.ExportCalls.Count); // the throttled one, and the poll's
    }

    [Fact]
    public async Task TheCapCountsExportsOfAllJobsAndOlderJobsGoFirst()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "1");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux003"));

        var first = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await app.PostExportsAsync(TestApp.ExportBody("img-linux002"));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var third = await app.PostExportsAsync(TestApp.ExportBody("img-linux003"));

        Assert.Equal("queued", second.Body!["state"]!.GetValue<string>());
        Assert.Equal("queued", third.Body!["state"]!.GetValue<string>());

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        await app.PollAsync();

        Assert.Equal(["img-linux001", "img-linux002"], app.Cvm.ExportCalls.Select(c => c.ImageIds[0]));
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{first.JobId}")).Body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task OneImagesRejectionFailsOnlyThatImageAndTheJobIsAnnouncedAsFailedWithTheReason()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        app.Cvm.FailRealCallWith["img-linux002"] = "UnsupportedOperation.RedHatImageExportUnsupported";

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001", "img-linux002"));

        Assert.Equal(202, started.Status);
        Assert.Equal("exporting", started.Body!["images"]![0]!["state"]!.GetValue<string>());
        Assert.Equal("failed", started.Body["images"]![1]!["state"]!.GetValue<string>());
        Assert.Contains("Red Hat", started.Body["images"]![1]!["reason"]!.GetValue<string>());

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        foreach (var channel in app.Channels)
        {
            var notification = Assert.Single(channel.Delivered);
            Assert.Equal("failed", notification.Outcome);
            Assert.Contains("img-linux002", notification.Reason);
            Assert.Equal("completed", notification.Images[0].State);
            Assert.NotEmpty(notification.Images[0].Files);
            Assert.Equal("failed", notification.Images[1].State);
        }
    }
}
