using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Delivery;

public sealed class DeliveryTests
{
    [Fact]
    public async Task AFailingChannelIsRetriedByThePollWhileTheOtherChannelGetsExactlyOne()
    {
        var flaky = new RecordingChannel("webhook", failures: 1);
        var steady = new RecordingChannel("slack");
        var app = new TestApp(null, flaky, steady);
        app.Cvm.Catalog.Add(Some.LinuxImage());
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        Assert.Equal(1, flaky.Attempts);
        Assert.Empty(flaky.Delivered);
        Assert.Single(steady.Delivered);
        Assert.Contains(started.JobId, app.StateKeys("active/").Single());

        await app.PollAsync(); // too soon: the retry waits
        Assert.Equal(1, flaky.Attempts);

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.PollAsync();

        Assert.Single(flaky.Delivered);
        Assert.Equal(2, flaky.Attempts);
        Assert.Single(steady.Delivered);
        Assert.Empty(app.StateKeys("active/"));
    }

    [Fact]
    public async Task ADeliveryWhoseRecordFailsToBeWrittenAtFirstIsNotSentAgainAfterTheLease()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var failures = 0;
        app.Cos.FailPut = key => key.EndsWith("/delivered", StringComparison.Ordinal) && Interlocked.Increment(ref failures) <= 2;

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        app.Time.Advance(TimeSpan.FromMinutes(30)); // past every claim's lease
        await app.PollAsync();

        Assert.Equal(2 + app.Channels.Count, failures); // two failed writes, then one record per channel
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
        Assert.All(app.Channels, c => Assert.Contains(app.StateKeys($"notify/{started.JobId}/"), k => k.EndsWith($"/{c.Name}/delivered", StringComparison.Ordinal)));
        Assert.Empty(app.StateKeys("active/"));
    }

    [Fact]
    public async Task ConcurrentNotifyAndPollOnTheSameJobSendOneNotificationPerChannel()
    {
        for (var round = 0; round < 5; round++)
        {
            var app = new TestApp();
            app.Cvm.Catalog.Add(Some.LinuxImage());
            await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
            var files = app.Cvm.Finish("img-linux001");

            await Task.WhenAll(
                Task.Run(() => app.NotifyAsync(files)),
                Task.Run(() => app.PollAsync()),
                Task.Run(() => app.NotifyAsync(files)),
                Task.Run(() => app.PollAsync()));

            Assert.All(app.Channels, c => Assert.Single(c.Delivered));
        }
    }

    [Fact]
    public async Task AChannelThatKeepsFailingIsGivenUpAfterTheConfiguredAttemptsAndTheJobLeavesTheActiveList()
    {
        var broken = new RecordingChannel("webhook", failures: int.MaxValue);
        var app = new TestApp(env => env["IMAGEEXPORT_NOTIFY_MAX_ATTEMPTS"] = "3", broken);
        app.Cvm.Catalog.Add(Some.LinuxImage());
        await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        for (var tick = 0; tick < 10; tick++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(10));
            await app.PollAsync();
        }

        Assert.Equal(3, broken.Attempts);
        Assert.Empty(app.StateKeys("active/"));
        Assert.Single(app.StateKeys("notify/"), k => k.EndsWith("/abandoned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDownloadLinkCarriesItsTrueExpiryWhenTheCredentialsEndFirst()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_DOWNLOAD_LINK_HOURS"] = "24");
        app.Cvm.Catalog.Add(Some.LinuxImage());
        await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var files = app.Cvm.Finish("img-linux001");
        app.Cos.CredentialsExpireAt = app.Time.GetUtcNow().AddHours(2);

        await app.NotifyAsync(files);

        var file = app.Channels[0].Delivered.Single().Images.Single().Files.Single();
        Assert.Equal(app.Time.GetUtcNow().AddHours(2), file.DownloadUrlExpiresAt);
    }

    [Fact]
    public async Task TheLinkLifetimeComesFromConfiguration()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_DOWNLOAD_LINK_HOURS"] = "6");
        app.Cvm.Catalog.Add(Some.LinuxImage());
        await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        var file = app.Channels[0].Delivered.Single().Images.Single().Files.Single();
        Assert.Equal(app.Time.GetUtcNow().AddHours(6), file.DownloadUrlExpiresAt);
    }
}
