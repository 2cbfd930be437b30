using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>The local stack in process (--functions inproc), driven over HTTP as a newcomer drives it.</summary>
public sealed class LocalStackEndToEndTests
{
    private const string ExportableImage = "img-demolnx1";

    [Fact]
    public async Task AnExportStartedThroughTheFunctionUrlCompletesWhenItsFilesLandAndIsAnnouncedOnceThroughTheWebhook()
    {
        await using var app = await StackApplication.StartAsync();

        var (status, started) = await app.PostExportAsync(new JsonObject { ["imageIds"] = new JsonArray(ExportableImage), ["format"] = "qcow2" });

        Assert.Equal(202, status);
        var jobId = (string)started["jobId"]!;
        var job = await app.WaitForJobStateAsync(jobId, "completed");
        var files = job["images"]![0]!["files"]!.AsArray();
        Assert.Equal(2, files.Count);
        Assert.All(files, file => Assert.Equal("landed", (string?)file!["state"]));
        // Completed by the COS trigger: notify saw each exported file.
        Assert.All(files, file => Assert.Contains(app.Invoker.EventsOf("notify"), e => e.Contains((string)file!["key"]!, StringComparison.Ordinal)));
        // The job store writes into the same bucket and the one trigger has no filter: notify sees its objects too and
        // passes over them without failing.
        Assert.Contains(app.Invoker.EventsOf("notify"), e => e.Contains("/.image-export/", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Invoker.Calls, c => c.Function == "notify" && c.Failed);

        await app.WaitForNotificationsAsync(jobId);
        await app.Running.WhenTriggersIdleAsync();
        var line = Assert.Single(app.Running.Notifications.ReadAll(), l => (string?)l["jobId"] == jobId);
        Assert.Equal("webhook", (string?)line["channel"]);
        Assert.Equal("completed", (string?)line["outcome"]);
        Assert.Equal($"{jobId}:completed", (string?)line["id"]);
        Assert.Equal(2, line["payload"]!["images"]![0]!["files"]!.AsArray().Count);
    }

    [Fact]
    public async Task EveryRuleTheDemoShowsIsAnswered422WithItsProblemCodeAndNothingIsRecordedOrExported()
    {
        await using var app = await StackApplication.StartAsync();
        var elsewhere = $"elsewhere-{app.Emulator.AppId}";
        var readOnly = $"readonly-{app.Emulator.AppId}";
        var missing = $"missing-{app.Emulator.AppId}";
        (string ImageId, string? Bucket, string Code)[] cases =
        [
            ("img-demowin1", null, "image.windows"),
            ("img-demobig1", null, "image.diskTooLarge"),
            ("img-demo6dsk", null, "image.tooManyDataDisks"),
            ("img-demopub1", null, "image.notCustom"),
            ("img-demonew1", null, "image.notReady"),
            ("img-demolnx2", elsewhere, "bucket.regionMismatch"),
            ("img-demolnx2", readOnly, "bucket.permissionDenied"),
            ("img-demolnx2", missing, "bucket.notFound"),
        ];

        var answers = new List<string>();
        foreach (var (imageId, bucket, code) in cases)
        {
            var request = new JsonObject { ["imageIds"] = new JsonArray(imageId) };
            if (bucket is not null)
            {
                request["bucket"] = bucket;
            }

            var (status, body) = await app.PostExportAsync(request);
            var codes = body["error"]?["problems"]?.AsArray().Select(p => (string?)p!["code"]) ?? [];
            answers.Add($"{imageId} {bucket}: {status} [{string.Join(",", codes)}]");
            Assert.True(status == 422 && (string?)body["error"]!["code"] == "ValidationFailed" && codes.Contains(code),
                $"{imageId} into {bucket ?? "the default bucket"} should be 422 with {code}; got {status} {body.ToJsonString()}");
        }

        Assert.Empty(app.StateKeys());
        Assert.All(cases, c => Assert.Equal(0, app.Emulator.Counters.ExportsStartedFor(c.ImageId)));
        var (listed, jobs) = await app.GetAsync("/exports");
        Assert.Equal(200, listed);
        Assert.Empty(jobs["jobs"]!.AsArray());
    }

    [Fact]
    public async Task TheStartFunctionAlsoServesTheApiGatewayEventShape()
    {
        await using var app = await StackApplication.StartAsync();
        var apigw = JsonNode.Parse(File.ReadAllText(PublishedFixtures.Path("events/apigw-request.json")))!.AsObject();
        apigw["httpMethod"] = "GET";
        apigw["path"] = "/images";
        apigw["requestContext"]!["httpMethod"] = "GET";
        apigw["requestContext"]!["path"] = "/images";
        apigw["headers"]!["Authorization"] = $"Bearer {app.Session.Endpoints.ApiToken}";
        apigw.Remove("body");

        var result = await app.Running.Invoker.InvokeAsync(app.Running.HttpFunction!, Encoding.UTF8.GetBytes(apigw.ToJsonString()), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var response = JsonNode.Parse(result.Body)!.AsObject();
        Assert.Equal(200, (int)response["statusCode"]!);
        var images = JsonNode.Parse((string)response["body"]!)!.ToJsonString();
        Assert.Contains(ExportableImage, images, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryUploadWakesNotifyWhichPassesOverWhatIsNotAnExport()
    {
        await using var app = await StackApplication.StartAsync();

        await app.PutObjectAsync("notes/readme.txt");
        await app.PutObjectAsync("disks/probe.RAW");
        await app.Invoker.WaitForAsync(c => c.Function == "notify" && c.Event.Contains("probe.RAW", StringComparison.Ordinal));
        await app.Running.WhenTriggersIdleAsync();

        // One unfiltered trigger: both uploads reach notify; neither is an export any job knows, so nothing is recorded
        // and nothing fails.
        var notified = app.Invoker.EventsOf("notify");
        Assert.Equal(2, notified.Count);
        Assert.Contains(notified, e => e.Contains("readme.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Invoker.Calls, c => c.Function == "notify" && c.Failed);
        Assert.Empty(app.StateKeys());
    }

    [Fact]
    public async Task AFailedNotifyIsRetriedAndTheJobStillCompletesWithOneNotification()
    {
        var failedOnce = 0;
        await using var app = await StackApplication.StartAsync(fail: (function, e) =>
            function == "notify" && !e.Contains("/.image-export/", StringComparison.Ordinal) && Interlocked.Exchange(ref failedOnce, 1) == 0);

        var (status, started) = await app.PostExportAsync(new JsonObject { ["imageIds"] = new JsonArray("img-demolnx2") });

        Assert.Equal(202, status);
        var jobId = (string)started["jobId"]!;
        await app.WaitForJobStateAsync(jobId, "completed");
        await app.WaitForNotificationsAsync(jobId);
        await app.Running.WhenTriggersIdleAsync();
        // Only the exported file's events (none of the job store's own objects may carry an export suffix).
        var notify = app.Invoker.Calls.Where(c => c.Function == "notify" && !c.Event.Contains("/.image-export/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, notify.Count);
        Assert.True(notify[0].Failed);
        Assert.Equal(notify[0].Event, notify[1].Event);
        Assert.Single(app.Running.Notifications.ReadAll(), l => (string?)l["jobId"] == jobId);
    }

    [Fact]
    public async Task ATriggerWithoutEnableTrueIsNotWired()
    {
        var yml = await File.ReadAllTextAsync(RepositoryFiles.ServerlessYml);
        var exportTrigger = yml.IndexOf("name: exported-files", StringComparison.Ordinal);
        var enable = yml.IndexOf("enable: true", exportTrigger, StringComparison.Ordinal);
        // A second, enabled trigger on another bucket shows when the events have gone through.
        const string control = """

                - type: cos
                  function: notify
                  parameters:
                    name: control
                    bucket: elsewhere-1250000000.cos.ap-shanghai.myqcloud.com
                    events: 'cos:ObjectCreated:*'
                    enable: true

            """;
        var edited = Path.Combine(Directory.CreateTempSubdirectory("serverless-").FullName, "serverless.yml");
        await File.WriteAllTextAsync(edited, yml[..enable] + "enable: false" + yml[(enable + "enable: true".Length)..].TrimEnd() + control);
        await using var app = await StackApplication.StartAsync(serverlessFile: edited);

        await app.PutObjectAsync("disks/closed.raw");
        await app.Emulator.Cos.PutObjectAsync(
            "elsewhere-1250000000", "disks/open.qcow2", new MemoryStream("x"u8.ToArray()), "application/octet-stream", new Dictionary<string, string>(), false, null,
            new ImageExport.Local.Emulator.Cos.CosRequestOrigin("test-request", "127.0.0.1", null), CancellationToken.None);
        await app.Invoker.WaitForAsync(c => c.Function == "notify" && c.Event.Contains("open.qcow2", StringComparison.Ordinal));

        Assert.DoesNotContain(app.Invoker.EventsOf("notify"), e => e.Contains("closed.raw", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Running.CosTriggers, t => t.Name == "exported-files");
        Directory.Delete(Path.GetDirectoryName(edited)!, recursive: true);
    }

    [Fact]
    public async Task TheNotificationReceiverIsNotForwardedToTheFunctionAndRefusesAnUnsignedDelivery()
    {
        await using var app = await StackApplication.StartAsync();

        using var response = await app.Http.PostAsync("/_local/notifications/webhook", new StringContent("""{"id":"x:completed","jobId":"x","outcome":"completed"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Empty(app.Invoker.EventsOf("start"));
        Assert.Empty(app.Running.Notifications.ReadAll());
    }
}
