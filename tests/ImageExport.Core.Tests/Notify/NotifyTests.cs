using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Core.Tests.Support;
using Xunit.Abstractions;

namespace ImageExport.Core.Tests.Notify;

public sealed class NotifyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WithOneUnfilteredTriggerTheJobStoresWritesAndUploadsThatAreNotExportsCostNoRequest()
    {
        // serverless.yml's one trigger per bucket delivers every upload: the job store's records (when they live in the
        // export bucket) and anything else written there. Each is an invocation that must end without touching COS.
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", dataDisks: 2));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var files = app.Cvm.Finish("img-linux001");
        await app.NotifyAsync(files);
        await app.PollAsync();
        var stateWrites = app.StateKeys().Select(k => TestApp.StatePrefix + k).ToList();
        // Every PUT into the state prefix raised one ObjectCreated event (none was refused in this sequential run).
        var statePuts = app.Cos.Requests.Count(r => r.StartsWith($"PUT {TestApp.Bucket}/{TestApp.StatePrefix}", StringComparison.Ordinal));
        string[] others = ["photos/cat.jpg", "backups/db.tar.gz", "notes/readme"];
        app.Cos.ClearRequests();

        foreach (var key in stateWrites.Concat(others))
        {
            await app.NotifyAsync([(key, 100)]);
        }

        Assert.Empty(app.Cos.Requests);
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        // The measured cost of keeping the job store in the export bucket: one ignored invocation per object it holds
        // for this job (1 image, 3 files, 2 channels).
        output.WriteLine($"one job (1 image, 3 files, 2 channels): {statePuts} job-store writes, so {statePuts} ignored notify invocations; {stateWrites.Count} objects left");
    }

    [Fact]
    public async Task AnExportWhoseExtensionIsUpperCaseIsStillRecognised()
    {
        var app = new TestApp();
        app.Cos.Write(TestApp.Bucket, "manual/web_xvda.QCOW2", 20L << 30);

        await app.NotifyAsync([("manual/web_xvda.QCOW2", 20L << 30)]);

        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
    }

    [Fact]
    public async Task WhenTheSameCosEventArrivesThreeTimesOneNotificationIsSentPerChannel()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var files = app.Cvm.Finish("img-linux001");

        await app.NotifyAsync(files);
        var eventsAfterFirst = app.StateKeys($"jobs/{started.JobId}/");
        await app.NotifyAsync(files);
        await app.NotifyAsync(files);

        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
        // The repeats change nothing: no event is written for them.
        Assert.Equal(eventsAfterFirst, app.StateKeys($"jobs/{started.JobId}/"));
    }

    [Fact]
    public async Task AJobCompletesOnlyWhenEveryFileOfEveryImageHasLanded()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", dataDisks: 1));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001", "img-linux002"));
        var first = app.Cvm.Finish("img-linux001");
        var second = app.Cvm.Finish("img-linux002");

        await app.NotifyAsync([first[0]]);
        await app.NotifyAsync(second);
        Assert.Equal("exporting", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        Assert.All(app.Channels, c => Assert.Empty(c.Delivered));

        await app.NotifyAsync([first[1]]);

        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
    }

    [Fact]
    public async Task AConsoleNamedExportNoJobKnowsIsAnnouncedOnce()
    {
        var app = new TestApp();
        app.Cos.Write(TestApp.Bucket, "manual/web_xvda.raw", 20L << 30);

        await app.NotifyAsync([("manual/web_xvda.raw", 20L << 30)]);
        await app.NotifyAsync([("manual/web_xvda.raw", 20L << 30)]);
        await app.PollAsync();

        foreach (var channel in app.Channels)
        {
            var notification = Assert.Single(channel.Delivered);
            Assert.Null(notification.JobId);
            Assert.Equal("manual/web_xvda.raw", Assert.Single(Assert.Single(notification.Images).Files).Key);
            Assert.Equal("raw", notification.Format);
        }
        Assert.Empty(app.StateKeys("unknown-pending/"));
    }

    [Fact]
    public async Task AnExportShapedFileInABucketThisDeploymentDoesNotWatchIsIgnored()
    {
        var app = new TestApp();
        const string elsewhere = "someone-else-1250000000";
        app.Cos.AddBucket(elsewhere, TestApp.Region);
        app.Cos.Write(elsewhere, "manual/web_xvda.raw", 20L << 30);

        await app.NotifyAsync([("manual/web_xvda.raw", 20L << 30)], elsewhere);
        await app.PollAsync();

        Assert.All(app.Channels, c => Assert.Empty(c.Delivered));
        Assert.Empty(app.StateKeys(""));
    }

    [Fact]
    public async Task AnUnknownExportAnnouncementThatFailedIsRetriedByThePoll()
    {
        var flaky = new RecordingChannel("webhook", failures: 1);
        var app = new TestApp(null, flaky);

        await app.NotifyAsync([("manual/web_xvda.raw", 1024)]);
        Assert.Empty(flaky.Delivered);
        Assert.Single(app.StateKeys("unknown-pending/"));

        app.Time.Advance(TimeSpan.FromMinutes(1));
        await app.PollAsync();
        await app.PollAsync();

        Assert.Single(flaky.Delivered);
        Assert.Empty(app.StateKeys("unknown-pending/"));
    }

    [Fact]
    public async Task AnApiNamedExportNoJobKnowsIsAnnouncedWithItsImageId()
    {
        var app = new TestApp();

        await app.NotifyAsync([("other_img-abcd1234_system_snap-q1w2e3r4.qcow2", 1234)]);

        var image = Assert.Single(Assert.Single(app.Channels[0].Delivered).Images);
        Assert.Equal("img-abcd1234", image.ImageId);
    }

    [Theory]
    [InlineData("readme.txt")]
    [InlineData(".image-export/jobs/exp-20261126t100000-00000000/000001-requested.json")]
    [InlineData("backups/db.tar.gz")]
    public async Task ObjectsThatAreNotExportsAreIgnored(string key)
    {
        var app = new TestApp();
        var before = app.Cos.AllKeys();

        await app.NotifyAsync([(key, 10)]);

        Assert.All(app.Channels, c => Assert.Empty(c.Delivered));
        Assert.Equal(before, app.Cos.AllKeys());
    }

    [Fact]
    public async Task AMalformedRecordFailsTheInvocationAfterTheOtherRecordsAreHandled()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var files = app.Cvm.Finish("img-linux001");
        var e = JsonNode.Parse(TestApp.CosEvent(files))!;
        var broken = e["Records"]![0]!.DeepClone();
        broken["cos"]!["cosObject"]!.AsObject().Remove("key");
        e["Records"]!.AsArray().Insert(0, broken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            app.NotifyHandler.HandleAsync(Encoding.UTF8.GetBytes(e.ToJsonString()), app.Context(), CancellationToken.None));

        Assert.Contains("record 0", error.Message);
        Assert.Contains("cos.cosObject.key", error.Message);
        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task APayloadThatIsNotACosEventIsAClearError()
    {
        var app = new TestApp();

        var error = await Assert.ThrowsAsync<FormatException>(() =>
            app.NotifyHandler.HandleAsync(Encoding.UTF8.GetBytes("""{"Type":"Timer"}"""), app.Context(), CancellationToken.None));

        Assert.Contains("Records", error.Message);
    }

    [Fact]
    public async Task APercentEncodedKeyIsDecoded()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());
        var started = await app.PostExportsAsync("""{"imageIds":["img-linux001"],"prefix":"nightly/web"}""");
        var files = app.Cvm.Finish("img-linux001");

        await app.NotifyAsync(files.Select(f => (f.Key.Replace("/", "%2F", StringComparison.Ordinal), f.Size)));

        Assert.Equal("completed", (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheFixtureEventIsReadAndItsUnrelatedObjectIgnored()
    {
        var app = new TestApp();

        var answer = await app.NotifyHandler.HandleAsync(File.ReadAllBytes(TestApp.Fixture("cos-object-created.json")), app.Context(), CancellationToken.None);

        Assert.Equal("""{"records":1}""", Encoding.UTF8.GetString(answer));
        Assert.All(app.Channels, c => Assert.Empty(c.Delivered));
    }
}
