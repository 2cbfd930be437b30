using System.Text.Json.Nodes;
using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Progress;

/// <summary>
/// Observed progress of a running export (design.md, "progress of a running export"): CVM writes each disk as a COS
/// multipart upload, and the poll (and GET /exports/{id}) reads its parts.
/// </summary>
public sealed class ProgressTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public async Task ARawExportShowsObservedBytesPercentRateAndEtaForItsFileImageAndJob()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var key = SystemKey(started.JobId, "img-linux001", "raw");
        var upload = app.Cos.StartUpload(TestApp.Bucket, key);
        app.Time.Advance(TimeSpan.FromSeconds(10));
        app.Cos.AddPart(TestApp.Bucket, upload, GiB);
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromSeconds(10));
        app.Cos.AddPart(TestApp.Bucket, upload, GiB);
        await app.PollAsync();

        var job = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;

        var file = job["images"]![0]!["files"]![0]!["progress"]!;
        Assert.Equal(2 * GiB, file["bytes"]!.GetValue<long>());
        Assert.Equal(20 * GiB, file["expectedBytes"]!.GetValue<long>());
        Assert.Equal(10.0, file["percent"]!.GetValue<double>());
        Assert.Equal(GiB / 10.0, file["bytesPerSecond"]!.GetValue<double>(), 3);
        Assert.Equal(180, file["etaSeconds"]!.GetValue<long>());
        Assert.Equal(app.Time.GetUtcNow(), file["observedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(file.ToJsonString(), job["images"]![0]!["progress"]!.ToJsonString());
        Assert.Equal(file.ToJsonString(), job["progress"]!.ToJsonString());
        Assert.False(job["images"]![0]!["stalled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AQcow2ExportShowsBytesAndRateButNoMadeUpPercent()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20));
        var started = await app.PostExportsAsync("""{"imageIds":["img-linux001"],"bucket":"exports-1250000000","format":"qcow2"}""");
        var upload = app.Cos.StartUpload(TestApp.Bucket, SystemKey(started.JobId, "img-linux001", "qcow2"));
        app.Time.Advance(TimeSpan.FromSeconds(4));
        app.Cos.AddPart(TestApp.Bucket, upload, GiB);

        var progress = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!["files"]![0]!["progress"]!.AsObject();

        Assert.Equal(GiB, progress["bytes"]!.GetValue<long>());
        Assert.Equal(GiB / 4.0, progress["bytesPerSecond"]!.GetValue<double>(), 3);
        Assert.Null(progress["expectedBytes"]);
        Assert.Null(progress["percent"]);
        Assert.Null(progress["etaSeconds"]);
        Assert.True(progress.ContainsKey("percent"), "the unknown percent is said, as null");
    }

    [Fact]
    public async Task AJobPercentCountsOnlyFilesOfKnownSizeAndTheRestAsBytes()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20, dataDisks: 1, dataGiB: 10));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var upload = app.Cos.StartUpload(TestApp.Bucket, SystemKey(started.JobId, "img-linux001", "raw"));
        app.Time.Advance(TimeSpan.FromSeconds(3));
        app.Cos.AddPart(TestApp.Bucket, upload, 3 * GiB);

        var job = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;

        var files = job["images"]![0]!["files"]!.AsArray();
        Assert.Null(files[1]!["progress"]); // nothing observed of the data disk yet
        var total = job["progress"]!;
        Assert.Equal(3 * GiB, total["bytes"]!.GetValue<long>());
        Assert.Equal(30 * GiB, total["expectedBytes"]!.GetValue<long>());
        Assert.Equal(10.0, total["percent"]!.GetValue<double>());
        Assert.Equal(27, total["etaSeconds"]!.GetValue<long>());
    }

    [Fact]
    public async Task BytesNeverGoBackWhenCvmStartsAFileOverTheRestartIsCounted()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var key = SystemKey(started.JobId, "img-linux001", "raw");
        var first = app.Cos.StartUpload(TestApp.Bucket, key);
        app.Time.Advance(TimeSpan.FromSeconds(5));
        app.Cos.AddPart(TestApp.Bucket, first, 5 * GiB);
        await app.PollAsync();

        app.Cos.AbortUpload(TestApp.Bucket, first);
        var second = app.Cos.StartUpload(TestApp.Bucket, key);
        app.Time.Advance(TimeSpan.FromSeconds(2));
        app.Cos.AddPart(TestApp.Bucket, second, GiB);
        await app.PollAsync();
        var progress = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!["files"]![0]!["progress"]!;

        Assert.Equal(5 * GiB, progress["bytes"]!.GetValue<long>());
        Assert.Equal(1, progress["restarts"]!.GetValue<int>());
        Assert.Equal(38, progress["etaSeconds"]!.GetValue<long>()); // 19 GiB the new upload still has to write, at its 0.5 GiB/s
    }

    [Fact]
    public async Task ALandedFileShowsItsFullSizeAndTheJobCompletesAsBefore()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 2));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var upload = app.Cos.StartUpload(TestApp.Bucket, SystemKey(started.JobId, "img-linux001", "raw"));
        app.Time.Advance(TimeSpan.FromSeconds(2));
        app.Cos.AddPart(TestApp.Bucket, upload, 2 * GiB);
        await app.PollAsync();
        app.Cos.CompleteUpload(TestApp.Bucket, upload);
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        var job = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;

        Assert.Equal("completed", job["state"]!.GetValue<string>());
        Assert.Equal(100.0, job["progress"]!["percent"]!.GetValue<double>());
        Assert.Equal(2 * GiB, job["images"]![0]!["files"]![0]!["progress"]!["bytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task AnUploadThatCompletedWithItsEventLostIsLandedByTheSampler()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 2));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var upload = app.Cos.StartUpload(TestApp.Bucket, SystemKey(started.JobId, "img-linux001", "raw"));
        app.Cos.AddPart(TestApp.Bucket, upload, GiB);
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromSeconds(20)); // before the next listing of objects is due
        app.Cos.AddPart(TestApp.Bucket, upload, GiB);
        app.Cos.CompleteUpload(TestApp.Bucket, upload);

        await app.PollAsync();

        var image = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!;
        Assert.Equal("completed", image["state"]!.GetValue<string>());
        Assert.Equal(2 * GiB, image["files"]![0]!["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task WithoutListPermissionsProgressIsAbsentOneWarningIsLoggedAndTheJobStillCompletes()
    {
        var app = new TestApp();
        app.Cos.DenyUploadListing = true;
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 2));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        app.Cos.AddPart(TestApp.Bucket, app.Cos.StartUpload(TestApp.Bucket, SystemKey(started.JobId, "img-linux001", "raw")), GiB);
        await app.PollAsync();
        app.Time.Advance(TimeSpan.FromSeconds(30));
        await app.PollAsync();

        var exporting = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        var completed = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;

        Assert.Null(exporting["progress"]);
        Assert.Null(exporting["images"]![0]!["files"]![0]!["progress"]);
        Assert.Equal("completed", completed["state"]!.GetValue<string>());
        Assert.Single(app.Logs.Lines, l => l.Contains("cos:ListMultipartUploads and cos:ListParts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListingFaultsLeaveProgressStaleButNeverWrongAndNeverStalled()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_STALL_AFTER_MINUTES"] = "1");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", systemGiB: 20));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var upload = app.Cos.StartUpload(TestApp.Bucket, SystemKey(started.JobId, "img-linux001", "raw"));
        app.Time.Advance(TimeSpan.FromSeconds(10));
        app.Cos.AddPart(TestApp.Bucket, upload, GiB);
        await app.PollAsync();
        var calls = 0;
        app.Cos.FailUploadListing = verb => verb == "LISTPARTS" && ++calls % 2 == 1 || verb == "LISTUPLOADS" && calls > 6;
        var seen = new List<long>();
        for (var tick = 0; tick < 6; tick++)
        {
            app.Time.Advance(TimeSpan.FromSeconds(10));
            app.Cos.AddPart(TestApp.Bucket, upload, GiB);
            await app.PollAsync();
            var progress = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!["images"]![0]!;
            Assert.False(progress["stalled"]!.GetValue<bool>());
            seen.Add(progress["files"]![0]!["progress"]!["bytes"]!.GetValue<long>());
        }

        Assert.Equal(seen.Order(), seen);
        Assert.All(seen, bytes => Assert.True(bytes <= 7 * GiB && bytes >= GiB));
        Assert.All(app.Channels, c => Assert.Empty(c.Delivered));
    }

    internal static string SystemKey(string jobId, string imageId, string format) => $"{jobId}_{imageId}_system_snap-{imageId[4..]}s.{format}";
}
