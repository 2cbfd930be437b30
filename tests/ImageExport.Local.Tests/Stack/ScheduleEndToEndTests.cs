using System.Text.Json.Nodes;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>
/// A schedule through the whole local stack: the timer trigger fires on its cron, the start function reads the
/// schedule from the event's Message, picks the demo catalog's images by tag through the emulator's DescribeImages tag
/// filter, and starts one run that exports the two Linux images under the schedule's prefix and leaves the Windows one
/// out (the rules refuse it).
/// </summary>
public sealed class ScheduleEndToEndTests
{
    private static string Fixture => Path.Combine(RepositoryFiles.Root, "tests", "ImageExport.Local.Tests", "Stack", "Fixtures", "serverless-schedules.yml");

    [Fact]
    public async Task ATagScheduleExportsTheTaggedDemoImagesThatPassTheRulesUnderItsPrefix()
    {
        var directory = Directory.CreateTempSubdirectory("schedule-e2e-").FullName;
        try
        {
            // The weekly schedule of the fixture, firing every five seconds (its cron and its argument's cron alike). The
            // fixture's ten-second schedule is switched off: it exports img-demolnx2 too, so when both fired in the same
            // second the weekly run found that image busy and left it out (seen once in CI).
            const string TenSeconds = "cronExpression: '*/10 * * * * * *'\n        enable: true";
            var yaml = File.ReadAllText(Fixture).ReplaceLineEndings("\n");
            Assert.Contains(TenSeconds, yaml, StringComparison.Ordinal);
            var path = Path.Combine(directory, "serverless.yml");
            File.WriteAllText(path, yaml
                .Replace("0 0 3 * * 1 *", "*/5 * * * * * *", StringComparison.Ordinal)
                .Replace(TenSeconds, TenSeconds.Replace("enable: true", "enable: false", StringComparison.Ordinal), StringComparison.Ordinal));
            await using var app = await StackApplication.StartAsync(serverlessFile: path);

            var run = await WaitForRunAsync(app, "weekly-golden");

            Assert.Equal("weekly-golden", (string?)run["schedule"]!["name"]);
            Assert.NotNull((string?)run["schedule"]!["slot"]);
            Assert.Equal(["img-demolnx1", "img-demolnx2"], run["images"]!.AsArray().Select(i => (string)i!["imageId"]!).Order());
            await WaitForFilesAsync(app, "weekly/", ["img-demolnx1", "img-demolnx2"]);
            var start = app.Invoker.EventsOf("start").First(e => e.Contains("\"TriggerName\":\"weekly-golden\"", StringComparison.Ordinal));
            Assert.Equal("weekly-golden", (string?)JsonNode.Parse((string)JsonNode.Parse(start)!["Message"]!)!["schedule"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Waits (30 s at most) until each image has a file landed under <paramref name="prefix"/>.</summary>
    private static async Task WaitForFilesAsync(StackApplication app, string prefix, string[] imageIds)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var keys = app.Emulator.Cos.Storage.List(app.Bucket, prefix, "", 1000, "").Contents.Select(o => o.Key).ToList();
            if (imageIds.All(id => keys.Any(k => k.Contains(id, StringComparison.Ordinal))))
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"files under {prefix} after 30 s: {string.Join(", ", keys)}\n{app.Log.Problems()}");
            await Task.Delay(200);
        }
    }

    /// <summary>The first run <c>GET /exports?schedule=NAME</c> lists (30 s at most).</summary>
    private static async Task<JsonObject> WaitForRunAsync(StackApplication app, string schedule)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var (status, page) = await app.GetAsync($"/exports?schedule={schedule}");
            Assert.Equal(200, status);
            if (page["jobs"]!.AsArray().FirstOrDefault() is JsonObject run)
            {
                return run;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"no run of {schedule} after 30 s\n{app.Log.Problems()}");
            await Task.Delay(200);
        }
    }
}
