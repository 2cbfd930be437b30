using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Progress;

/// <summary>Sampling stays bounded: per exporting job and tick one ListMultipartUploads, and ListParts only for uploads running.</summary>
public sealed class ProgressCostTests
{
    [Fact]
    public async Task ATickSamplesEachExportingJobOnceWithOneUploadListingAndListPartsOnlyForRunningUploads()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "10");
        var jobs = new List<string>();
        for (var n = 1; n <= 4; n++)
        {
            var id = $"img-linux00{n}";
            app.Cvm.Catalog.Add(Some.LinuxImage(id, dataDisks: 2));
            jobs.Add((await app.PostExportsAsync(TestApp.ExportBody(id))).JobId);
        }
        // Two jobs are writing their system disk; the others have not begun. Six files wait, two are uploading.
        app.Cos.AddPart(TestApp.Bucket, app.Cos.StartUpload(TestApp.Bucket, ProgressTests.SystemKey(jobs[0], "img-linux001", "raw")), 1L << 30);
        app.Cos.AddPart(TestApp.Bucket, app.Cos.StartUpload(TestApp.Bucket, ProgressTests.SystemKey(jobs[2], "img-linux003", "raw")), 1L << 30);
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromSeconds(20)); // no job is due for its file check
        app.Cos.ClearRequests();

        var tick = await app.PollAsync();

        Assert.Equal(4, tick["sampled"]!.GetValue<int>());
        Assert.Equal(4, app.Cos.Requests.Count(r => r.StartsWith("LISTUPLOADS ", StringComparison.Ordinal)));
        Assert.Equal(2, app.Cos.Requests.Count(r => r.StartsWith("LISTPARTS ", StringComparison.Ordinal)));
        Assert.Equal(2, app.Cos.Requests.Count(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("progress/", StringComparison.Ordinal)));
        Assert.DoesNotContain(app.Cos.Requests, r => r.StartsWith("HEAD ", StringComparison.Ordinal));
        // The tick's listings (active/, unknown-pending/, progress/); per job its read (LIST + GET), its record (GET) and
        // the upload listing; the parts and a written record per running upload.
        Assert.Equal(3 + 4 * 4 + 2 + 2, app.Cos.Requests.Count);
    }

    [Fact]
    public async Task WhenTheTickRunsShortTheJobsSampledLongestAgoGoFirst()
    {
        var app = new TestApp(env =>
        {
            env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "10";
            env["IMAGEEXPORT_POLL_RESERVE_SECONDS"] = "0";
        });
        var jobs = new List<string>();
        for (var n = 1; n <= 3; n++)
        {
            var id = $"img-linux00{n}";
            app.Cvm.Catalog.Add(Some.LinuxImage(id));
            var jobId = (await app.PostExportsAsync(TestApp.ExportBody(id))).JobId;
            jobs.Add(jobId);
            app.Cos.AddPart(TestApp.Bucket, app.Cos.StartUpload(TestApp.Bucket, ProgressTests.SystemKey(jobId, id, "raw")), 1L << 30);
        }
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromSeconds(5));
        app.Cos.BeforeRequest = (verb, key) =>
        {
            if (verb == "PUT" && key.Contains("progress/", StringComparison.Ordinal))
            {
                app.Time.Advance(TimeSpan.FromSeconds(1));
            }

            return Task.CompletedTask;
        };
        app.Cos.ClearRequests();

        await app.PollAsync(timeLeft: TimeSpan.FromSeconds(1.5));
        var first = Sampled(app);
        app.Cos.ClearRequests();
        await app.PollAsync(timeLeft: TimeSpan.FromSeconds(1.5));
        var second = Sampled(app);

        Assert.Equal(2, first.Count); // the tick ran out of time before the third
        var skipped = Assert.Single(jobs.Except(first));
        Assert.Equal(skipped, second[0]); // the next tick starts with the job sampled longest ago
    }

    private static List<string> Sampled(TestApp app) =>
        app.Cos.Requests.Where(r => r.StartsWith("LISTUPLOADS ", StringComparison.Ordinal))
            .Select(r => r[(r.IndexOf('/', StringComparison.Ordinal) + 1)..].TrimEnd('_'))
            .ToList();
}
