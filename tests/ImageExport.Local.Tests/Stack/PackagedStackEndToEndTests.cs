using System.Text.Json.Nodes;
using ImageExport.Local.Tests.Process.Support;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>
/// The local stack with <c>--functions process</c>: the packaged Native AOT binary behind the emulated SCF runtime
/// API, exactly what deploy/package.sh ships, driven over HTTP like the in-process stack.
/// </summary>
public sealed class PackagedStackEndToEndTests
{
    [Fact]
    public async Task WithThePackagedBinaryAnExportStartedThroughTheFunctionUrlCompletesAndIsAnnouncedOnce()
    {
        await PackagedBinary.EnsurePackagedAsync();
        await using var app = await StackApplication.StartAsync(functions: FunctionsMode.Process);

        var (status, started) = await app.PostExportAsync(new JsonObject { ["imageIds"] = new JsonArray("img-demolnx1") });

        Assert.Equal(202, status);
        var jobId = (string)started["jobId"]!;
        var job = await app.WaitForJobStateAsync(jobId, "completed");
        Assert.All(job["images"]![0]!["files"]!.AsArray(), file => Assert.Equal("landed", (string?)file!["state"]));
        await app.WaitForNotificationsAsync(jobId);
        await app.Running.WhenTriggersIdleAsync();
        var line = Assert.Single(app.Running.Notifications.ReadAll(), l => (string?)l["jobId"] == jobId);
        Assert.Equal("completed", (string?)line["outcome"]);
        Assert.Equal("webhook", (string?)line["channel"]);

        var (refused, body) = await app.PostExportAsync(new JsonObject { ["imageIds"] = new JsonArray("img-demowin1") });
        Assert.Equal(422, refused);
        Assert.Equal("image.windows", (string?)body["error"]!["problems"]![0]!["code"]);
    }
}
