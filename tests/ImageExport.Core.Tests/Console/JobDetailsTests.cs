using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Console;

/// <summary>What GET /exports/{jobId} adds for the people following a job: download links and notification outcomes.</summary>
public sealed class JobDetailsTests
{
    [Fact]
    public async Task AFinishedJobReadOnItsOwnLinksEveryLandedFileAndSaysWhereEachChannelsNotificationStands()
    {
        var app = new TestApp(null, new RecordingChannel("webhook"), new RecordingChannel("slack", failures: 1));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", dataDisks: 1));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var files = app.Cvm.Finish("img-linux001");
        await app.NotifyAsync(files);

        var job = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;

        Assert.Equal("completed", job["state"]!.GetValue<string>());
        var downloads = job["downloads"]!.AsArray();
        Assert.Equal(files.Select(f => f.Key).Order(), downloads.Select(d => d!["key"]!.GetValue<string>()).Order());
        Assert.All(downloads, d => Assert.StartsWith("https://", d!["url"]!.GetValue<string>()));
        Assert.All(downloads, d => Assert.True(d!["expiresAt"]!.GetValue<DateTimeOffset>() > app.Time.GetUtcNow()));
        var notifications = job["notifications"]!.AsArray().ToDictionary(n => n!["channel"]!.GetValue<string>(), n => n!);
        Assert.Equal("delivered", notifications["webhook"]["status"]!.GetValue<string>());
        Assert.Equal("completed", notifications["webhook"]["outcome"]!.GetValue<string>());
        Assert.Equal("retrying", notifications["slack"]["status"]!.GetValue<string>());
        Assert.Equal(1, notifications["slack"]["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task ARunningJobHasNoLinksYetAndNoNotificationDue()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        var job = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;

        Assert.Equal("exporting", job["state"]!.GetValue<string>());
        Assert.Empty(job["downloads"]!.AsArray());
        Assert.Empty(job["notifications"]!.AsArray());
    }

    [Fact]
    public async Task AChannelThatWasNeverTriedForAFinishedJobIsShownAsNotSentYet()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        // The delivery markers of one channel lost: the poll will deliver again; until then it is pending.
        foreach (var key in app.StateKeys($"notify/{started.JobId}/completed/slack/"))
        {
            await app.Cos.DeleteObjectAsync(TestApp.Bucket, TestApp.StatePrefix + key, CancellationToken.None);
        }

        var job = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;

        var slack = Assert.Single(job["notifications"]!.AsArray(), n => n!["channel"]!.GetValue<string>() == "slack")!;
        Assert.Equal("pending", slack["status"]!.GetValue<string>());
        Assert.Equal(0, slack["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheJobListingCarriesNeitherLinksNorNotifications()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        var listed = (await app.SendAsync("GET", "/exports")).Body!["jobs"]![0]!.AsObject();

        Assert.False(listed.ContainsKey("downloads"));
        Assert.False(listed.ContainsKey("notifications"));
    }
}
