using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Emulator.Faults;
using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.TencentCloud.Cvm;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.Local.Tests.Emulator;

/// <summary>
/// An emulated export writes each disk the way a file over 5 GB must be written to COS: a multipart upload whose parts
/// arrive at the configured speed, visible through ListMultipartUploads and ListParts, then completed.
/// </summary>
public sealed class ExportUploadTests
{
    private const long GiB = 1L << 30;

    private static ExportImagesRequest Export(TestEmulator emulator, string imageId) =>
        new() { BucketName = emulator.Host.DefaultBucket, ImageIds = [imageId] };

    [Fact]
    public async Task WhileAnExportRunsItsDiskIsAnUploadWhosePartsGrowThenItCompletesWithTheMultipartEvent()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(configure: o => o with { ExportSecondsPerGib = 1 }, time: time);
        using var events = new EventCollector(emulator.Host);
        var cos = emulator.Cos();
        var bucket = emulator.Host.DefaultBucket;
        var start = time.GetUtcNow();
        var key = (await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux002"), CancellationToken.None)).CosPaths[0].TrimStart('/');

        var early = await AdvanceToPartAsync(time, start, emulator, key, 10);
        var later = await AdvanceToPartAsync(time, start, emulator, key, 20);
        await emulator.AdvanceUntilExportsIdleAsync(time, TimeSpan.FromSeconds(11));

        Assert.Equal(10 * GiB, early.Sum(p => p.Size));
        Assert.Equal(20 * GiB, later.Sum(p => p.Size));
        Assert.All(later, p => Assert.Equal(GiB, p.Size));
        Assert.True(later[^1].LastModified > early[^1].LastModified);
        Assert.Empty((await cos.ListMultipartUploadsAsync(bucket, "img-linux002_", null, null, 1000, CancellationToken.None)).Uploads);
        Assert.Equal(30 * GiB, (await cos.HeadObjectAsync(bucket, key, CancellationToken.None))!.Size);
        var created = Assert.Single(await events.WaitForAsync(1));
        Assert.Equal("cos:ObjectCreated:CompleteMultipartUpload", created.EventName);
    }

    [Fact]
    public async Task UploadListingsPageWithKeyAndUploadIdMarkers()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var bucket = emulator.Host.DefaultBucket;
        var first = emulator.Host.Cos.BeginExportUpload(bucket, "p_a.raw");
        var second = emulator.Host.Cos.BeginExportUpload(bucket, "p_a.raw");
        var third = emulator.Host.Cos.BeginExportUpload(bucket, "p_b.raw");
        emulator.Host.Cos.BeginExportUpload(bucket, "q_c.raw");
        var cos = emulator.Cos();

        var seen = new List<string>();
        string? keyMarker = null, uploadIdMarker = null;
        for (var page = 0; page < 10; page++)
        {
            var listed = await cos.ListMultipartUploadsAsync(bucket, "p_", keyMarker, uploadIdMarker, 1, CancellationToken.None);
            seen.AddRange(listed.Uploads.Select(u => u.UploadId));
            if (!listed.IsTruncated)
            {
                break;
            }

            (keyMarker, uploadIdMarker) = (listed.NextKeyMarker, listed.NextUploadIdMarker);
        }

        Assert.Equal([first.UploadId, second.UploadId, third.UploadId], seen);
    }

    [Fact]
    public async Task AStallFaultStopsThePartsWithoutCompletingTheUpload()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(
            configure: o => o with { ExportSecondsPerGib = 1, Faults = new FaultPlan { Exports = new ExportFaults { StallAt = 0.5 } } }, time: time);
        var start = time.GetUtcNow();
        var key = (await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux002"), CancellationToken.None)).CosPaths[0].TrimStart('/');

        var parts = await AdvanceToPartAsync(time, start, emulator, key, 15);
        time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(200);

        Assert.Equal(15, parts.Count);
        Assert.Equal(15, (await PartsAsync(emulator, key, atLeast: 15)).Count);
        Assert.Null(await emulator.Cos().HeadObjectAsync(emulator.Host.DefaultBucket, key, CancellationToken.None));
        Assert.Equal(1, emulator.Host.RunningExports);
    }

    [Fact]
    public async Task AnAbortFaultRemovesTheUploadAndTheFileNeverLands()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(
            configure: o => o with { ExportSecondsPerGib = 1, Faults = new FaultPlan { Exports = new ExportFaults { AbortAt = 0.5 } } }, time: time);
        var key = (await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux002"), CancellationToken.None)).CosPaths[0].TrimStart('/');

        await emulator.AdvanceUntilExportsIdleAsync(time, TimeSpan.FromSeconds(31));

        Assert.Empty((await emulator.Cos().ListMultipartUploadsAsync(emulator.Host.DefaultBucket, "img-linux002_", null, null, 1000, CancellationToken.None)).Uploads);
        Assert.Null(await emulator.Cos().HeadObjectAsync(emulator.Host.DefaultBucket, key, CancellationToken.None));
    }

    [Fact]
    public void AFaultPlanReadsExportFaultsAndRefusesUnknownOnes()
    {
        var plan = FaultPlan.Parse("""{"exports":{"stallAt":0.25,"stallSeconds":30,"abortAt":0.9}}""");

        Assert.Equal(new ExportFaults { StallAt = 0.25, StallSeconds = 30, AbortAt = 0.9 }, plan.Exports);
        Assert.Throws<FormatException>(() => FaultPlan.Parse("""{"exports":{"stall":0.5}}"""));
        Assert.Throws<FormatException>(() => FaultPlan.Parse("""{"exports":{"stallAt":2}}"""));
    }

    /// <summary>
    /// The upload's parts once part <paramref name="part"/> is there. A 30 GiB disk at 1 s per GiB gets part k at
    /// <paramref name="start"/> + k s. The clock moves to half a second before that moment, then on by tenths of a second
    /// (never as far as the next part's moment, so exactly <paramref name="part"/> parts can be there): an export that
    /// read the clock just before an advance sets its timer just after it, and is late by that advance, not lost.
    /// </summary>
    private static async Task<IReadOnlyList<TencentCloud.Cos.CosPart>> AdvanceToPartAsync(
        FakeTimeProvider time, DateTimeOffset start, TestEmulator emulator, string key, int part)
    {
        var due = start + TimeSpan.FromSeconds(part);
        var step = TimeSpan.FromMilliseconds(100);
        if (time.GetUtcNow() < due - TimeSpan.FromMilliseconds(500))
        {
            time.SetUtcNow(due - TimeSpan.FromMilliseconds(500));
        }

        while (true)
        {
            var parts = await PartsAsync(emulator, key, atLeast: part, attempts: 15);
            if (parts.Count >= part || time.GetUtcNow() + step >= due + TimeSpan.FromSeconds(1))
            {
                return parts;
            }

            time.Advance(step);
        }
    }

    /// <summary>The upload's parts once at least <paramref name="atLeast"/> are there (the export writes in the background).</summary>
    private static async Task<IReadOnlyList<TencentCloud.Cos.CosPart>> PartsAsync(TestEmulator emulator, string key, int atLeast, int attempts = 250)
    {
        var cos = emulator.Cos();
        var bucket = emulator.Host.DefaultBucket;
        IReadOnlyList<TencentCloud.Cos.CosPart> parts = [];
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var upload = (await cos.ListMultipartUploadsAsync(bucket, key, null, null, 1000, CancellationToken.None)).Uploads.SingleOrDefault();
            if (upload is not null && await cos.ListPartsAsync(bucket, key, upload.UploadId, 0, 1000, CancellationToken.None) is { } page)
            {
                parts = page.Parts;
                if (parts.Count >= atLeast)
                {
                    return parts;
                }
            }
            await Task.Delay(20);
        }
        return parts;
    }
}
