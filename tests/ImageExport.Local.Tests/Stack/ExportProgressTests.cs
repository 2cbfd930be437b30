using System.Text.Json.Nodes;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>
/// Watching a running export through the local stack: GET /exports/{id} shows its bytes climbing, part by part, until
/// the file lands and the job completes (design.md, "progress of a running export").
/// </summary>
public sealed class ExportProgressTests
{
    private const long GiB = 1L << 30;
    // img-demolnx2: one 30 GiB system disk; at 0.1 s per GiB its 30 parts of 1 GiB arrive over 3 seconds.
    private const string Image = "img-demolnx2";

    [Fact]
    public async Task ASlowRawExportShowsProgressRisingToTheFullSizeThenTheFileLandsAndTheJobCompletes()
    {
        await using var app = await StackApplication.StartAsync(exportSecondsPerGib: 0.1);
        var (status, started) = await app.PostExportAsync(new JsonObject { ["imageIds"] = new JsonArray(Image), ["format"] = "raw" });
        Assert.Equal(202, status);
        var jobId = (string)started["jobId"]!;

        var samples = await WatchAsync(app, jobId);

        var bytes = samples.Select(p => (long)p["bytes"]!).ToList();
        Assert.True(bytes.Distinct().Count() >= 3, $"several samples while it ran: {string.Join(", ", bytes)}");
        Assert.Equal(bytes.Order(), bytes);
        Assert.All(samples, p => Assert.Equal(30 * GiB, (long)p["expectedBytes"]!));
        Assert.Equal(samples.Select(p => (double)p["percent"]!).Order(), samples.Select(p => (double)p["percent"]!));
        Assert.Contains(samples, p => p["bytesPerSecond"] is not null && p["etaSeconds"] is not null);
        var job = await app.WaitForJobStateAsync(jobId, "completed");
        var file = job["images"]![0]!["files"]![0]!;
        Assert.Equal("landed", (string?)file["state"]);
        Assert.Equal(30 * GiB, (long)file["progress"]!["bytes"]!);
        Assert.Equal(100.0, (double)job["progress"]!["percent"]!);
    }

    [Fact]
    public async Task AQcow2ExportShowsBytesAndRateWithoutAPercent()
    {
        await using var app = await StackApplication.StartAsync(exportSecondsPerGib: 0.1);
        var (_, started) = await app.PostExportAsync(new JsonObject { ["imageIds"] = new JsonArray(Image), ["format"] = "qcow2" });
        var jobId = (string)started["jobId"]!;

        var samples = await WatchAsync(app, jobId);

        Assert.Contains(samples, p => (long)p["bytes"]! > 0);
        Assert.All(samples, p =>
        {
            Assert.Null(p["percent"]);
            Assert.Null(p["expectedBytes"]);
            Assert.Null(p["etaSeconds"]);
        });
        Assert.Contains(samples, p => p["bytesPerSecond"] is not null);
        await app.WaitForJobStateAsync(jobId, "completed");
    }

    /// <summary>The file's progress at each read while the job is exporting.</summary>
    private static async Task<List<JsonObject>> WatchAsync(StackApplication app, string jobId)
    {
        var samples = new List<JsonObject>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var (_, job) = await app.GetAsync($"/exports/{jobId}");
            if ((string?)job["state"] != "exporting")
            {
                break;
            }

            if (job["images"]![0]!["files"]!.AsArray().FirstOrDefault()?["progress"] is JsonObject progress)
            {
                samples.Add(progress);
            }

            await Task.Delay(150);
        }
        return samples;
    }
}
