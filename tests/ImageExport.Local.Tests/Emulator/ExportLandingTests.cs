using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Local.Tests.Emulator;

/// <summary>What an accepted export does: its names, its files landing with the disks' sizes, its events, its limits.</summary>
public sealed class ExportLandingTests
{
    private const long GiB = 1L << 30;

    private static ExportImagesRequest Export(TestEmulator emulator, params string[] imageIds) =>
        new() { BucketName = emulator.Host.DefaultBucket, ImageIds = imageIds };

    [Fact]
    public async Task CosPathsFollowTheDocumentedNamesWithPrefixAndFormat()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.Cvm().ExportImagesAsync(
            Export(emulator, "img-linux001") with { FileNamePrefixList = ["nightly"], ExportFormat = "qcow2" }, CancellationToken.None);

        Assert.Equal(["/nightly_img-linux001_system_snap-linux001.qcow2", "/nightly_img-linux001_data_snap-linux000.qcow2"], answer.CosPaths);
        Assert.True(answer.TaskId > 0);
    }

    [Fact]
    public async Task WithoutAPrefixTheNameStartsWithTheImageId()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var answer = await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux002"), CancellationToken.None);

        Assert.Equal(["/img-linux002_system_snap-linux002.raw"], answer.CosPaths);
    }

    [Fact]
    public async Task ConsoleNamingWritesXvdNames()
    {
        await using var emulator = await TestEmulator.StartAsync(configure: o => o with { ExportNaming = ExportNaming.Console });

        var answer = await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux001") with { FileNamePrefixList = ["web"] }, CancellationToken.None);
        await emulator.ExportsIdleAsync();

        Assert.Equal(["/web_xvda.raw", "/web_xvdb.raw"], answer.CosPaths);
        Assert.Equal(20 * GiB, await emulator.RawCos.HeadSizeAsync(emulator.Host.DefaultBucket, "web_xvda.raw"));
    }

    [Fact]
    public async Task TaskIdsIncreaseFromOneExportToTheNext()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var first = await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux002"), CancellationToken.None);
        var second = await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux003"), CancellationToken.None);

        Assert.True(second.TaskId > first.TaskId);
    }

    [Fact]
    public async Task ExportedFilesLandAsLargeAsTheirDisksThroughMultipartUpload()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var events = new EventCollector(emulator.Host);

        var answer = await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux001"), CancellationToken.None);
        await emulator.ExportsIdleAsync();

        Assert.Equal(20 * GiB, await emulator.RawCos.HeadSizeAsync(emulator.Host.DefaultBucket, answer.CosPaths[0].TrimStart('/')));
        Assert.Equal(10 * GiB, await emulator.RawCos.HeadSizeAsync(emulator.Host.DefaultBucket, answer.CosPaths[1].TrimStart('/')));
        var cos = emulator.Cos();
        var listed = await cos.ListObjectsAsync(emulator.Host.DefaultBucket, "img-linux001_", null, 100, CancellationToken.None);
        Assert.Equal([10 * GiB, 20 * GiB], listed.Objects.Select(o => o.Size).Order());

        var raised = await events.WaitForAsync(2);
        Assert.All(raised, e => Assert.Equal(EmulatedCos.CompleteMultipartUploadEvent, e.EventName));
        Assert.Equal(answer.CosPaths.Select(p => $"/{emulator.Host.AppId}/imageexport{p}").Order(), raised.Select(e => e.Event.Records![0].Cos!.CosObject!.Key!).Order());
    }

    [Fact]
    public async Task ExportedFilesTakeNoRealDiskSpace()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux001"), CancellationToken.None);
        await emulator.ExportsIdleAsync();

        var stored = Directory.EnumerateFiles(Path.Combine(emulator.StateDirectory, "cos"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(stored >= 30 * GiB, "the files have their full length");
        var drive = new DriveInfo(emulator.StateDirectory);
        Assert.True(drive.AvailableFreeSpace > 0);
        Assert.True(UsedBlocksBytes(emulator.StateDirectory) < 100L << 20, "sparse: far less than 30 GiB on disk");
    }

    [Fact]
    public async Task TheRunningLimitRefusesMoreThenFreesWhenFilesLand()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(configure: o => o with { RunningExportLimit = 2, ExportSecondsPerGib = 1 }, time: time);
        var cvm = emulator.Cvm();

        await cvm.ExportImagesAsync(Export(emulator, "img-linux001"), CancellationToken.None);
        await cvm.ExportImagesAsync(Export(emulator, "img-linux002"), CancellationToken.None);
        var refused = await TestEmulator.CvmErrorAsync(() => cvm.ExportImagesAsync(Export(emulator, "img-linux003"), CancellationToken.None));
        var busy = await TestEmulator.CvmErrorAsync(() => cvm.ExportImagesAsync(Export(emulator, "img-linux001"), CancellationToken.None));

        Assert.Equal("LimitExceeded.ExportImageTaskLimitExceeded", refused);
        Assert.Equal("InvalidParameterValue.InvalidImageState", busy);
        Assert.Equal(2, emulator.Host.RunningExports);

        // 30 GiB at one second per GiB: both images are done after half a minute.
        await emulator.AdvanceUntilExportsIdleAsync(time, TimeSpan.FromSeconds(31));

        Assert.Equal(0, emulator.Host.RunningExports);
        var accepted = await cvm.ExportImagesAsync(Export(emulator, "img-linux003"), CancellationToken.None);
        Assert.Single(accepted.CosPaths);
    }

    [Fact]
    public async Task NothingLandsBeforeTheSimulatedDuration()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(configure: o => o with { ExportSecondsPerGib = 1 }, time: time);

        var answer = await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux002"), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));

        Assert.Null(await emulator.RawCos.HeadSizeAsync(emulator.Host.DefaultBucket, answer.CosPaths[0].TrimStart('/')));
        Assert.Equal(1, emulator.Host.RunningExports);
    }

    [Fact]
    public async Task AnExportInterruptedByARestartLandsAfterIt()
    {
        var state = Directory.CreateTempSubdirectory("emulator-test-").FullName;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        try
        {
            string key;
            await using (var emulator = await TestEmulator.StartAsync(configure: o => o with { ExportSecondsPerGib = 1 }, time: time, stateDirectory: state))
            {
                key = (await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux002"), CancellationToken.None)).CosPaths[0].TrimStart('/');
            }

            await using var restarted = await TestEmulator.StartAsync(configure: o => o with { ExportSecondsPerGib = 1 }, time: time, stateDirectory: state);
            Assert.Equal(1, restarted.Host.RunningExports);
            await restarted.AdvanceUntilExportsIdleAsync(time, TimeSpan.FromSeconds(31));

            Assert.Equal(30 * GiB, await restarted.RawCos.HeadSizeAsync(restarted.Host.DefaultBucket, key));
            Assert.Equal(0, restarted.Host.RunningExports);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task CountersTellHowOftenAnImageWasExported()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux002"), CancellationToken.None);
        await TestEmulator.CvmErrorAsync(() => emulator.Cvm().ExportImagesAsync(Export(emulator, "img-linux002") with { DryRun = true }, CancellationToken.None));

        Assert.Equal(2, emulator.Host.Counters.ExportRequestsFor("img-linux002"));
        Assert.Equal(1, emulator.Host.Counters.ExportsStartedFor("img-linux002"));
        Assert.Equal(2, emulator.Host.Counters.ActionCalls("ExportImages"));
    }

    private static long UsedBlocksBytes(string directory)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("du", ["-s", "-B1", directory]) { RedirectStandardOutput = true };
        using var du = System.Diagnostics.Process.Start(psi)!;
        var output = du.StandardOutput.ReadToEnd();
        du.WaitForExit();
        return long.Parse(output.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
