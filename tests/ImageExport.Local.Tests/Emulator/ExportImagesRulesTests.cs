using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Local.Tests.Emulator;

/// <summary>Every check ExportImages makes before it accepts an export, each with Tencent's error code.</summary>
public sealed class ExportImagesRulesTests : IAsyncLifetime
{
    private TestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private ExportImagesRequest Export(params string[] imageIds) => new() { BucketName = _emulator.Host.DefaultBucket, ImageIds = imageIds };

    private Task<string> ErrorOf(ExportImagesRequest request) =>
        TestEmulator.CvmErrorAsync(() => _emulator.Cvm().ExportImagesAsync(request, CancellationToken.None));

    private Task<string?> RawErrorOf(string body) => _emulator.RawCvm.ErrorCodeAsync(new RawCvmRequest { Action = "ExportImages", Body = body });

    [Theory]
    [InlineData("img-windows1", "UnsupportedOperation.WindowsImageExportUnsupported")]
    [InlineData("img-bigdisk1", "UnsupportedOperation.ImageTooLargeExportUnsupported")]
    [InlineData("img-sixdisks", "InvalidParameterValue.LimitExceeded")]
    [InlineData("img-public01", "UnsupportedOperation.PublicImageExportUnsupported")]
    [InlineData("img-shared01", "UnsupportedOperation.SharedImageExportUnsupported")]
    [InlineData("img-market01", "UnsupportedOperation.MarketImageExportUnsupported")]
    [InlineData("img-crypted1", "UnsupportedOperation.EncryptedImagesNotSupported")]
    [InlineData("img-redhat01", "UnsupportedOperation.RedHatImageExportUnsupported")]
    [InlineData("img-creating", "InvalidParameterValue.InvalidImageState")]
    [InlineData("img-zzzzzzzz", "InvalidImageId.NotFound")]
    [InlineData("img-bad", "InvalidImageId.Malformed")]
    public async Task AnImageTheRulesExcludeIsRefusedWithItsCode(string imageId, string code)
    {
        Assert.Equal(code, await ErrorOf(Export(imageId)));
        Assert.Equal(0, _emulator.Host.RunningExports);
    }

    [Fact]
    public async Task SixDataDisksExportWhenOnlyTheRootDiskIsAsked()
    {
        var answer = await _emulator.Cvm().ExportImagesAsync(Export("img-sixdisks") with { OnlyExportRootDisk = true }, CancellationToken.None);

        Assert.Equal(["/img-sixdisks_system_snap-sixdisks.raw"], answer.CosPaths);
    }

    [Fact]
    public async Task AMissingBucketNameIsAMissingParameter()
    {
        Assert.Equal("MissingParameter", await RawErrorOf("""{"ImageIds":["img-linux001"]}"""));
    }

    [Fact]
    public async Task NoImageIdsBreaksTheOneOfRule()
    {
        Assert.Equal("InvalidParameter.ImageIdsSnapshotIdsMustOne", await RawErrorOf($$"""{"BucketName":"{{_emulator.Host.DefaultBucket}}"}"""));
        Assert.Equal("InvalidParameter.ImageIdsSnapshotIdsMustOne", await ErrorOf(Export()));
    }

    [Fact]
    public async Task ABucketThatDoesNotExistIsNotFound()
    {
        Assert.Equal("InvalidParameterValue.BucketNotFound", await ErrorOf(Export("img-linux001") with { BucketName = $"nosuchbucket-{_emulator.Host.AppId}" }));
    }

    [Fact]
    public async Task ABucketInAnotherRegionIsNotFound()
    {
        Assert.Equal("InvalidParameterValue.BucketNotFound", await ErrorOf(Export("img-linux001") with { BucketName = $"elsewhere-{_emulator.Host.AppId}" }));
    }

    [Theory]
    [InlineData("imageexport")]
    [InlineData("imageexport-1300000000")]
    public async Task ABucketNameWithoutThisAccountsAppIdIsRefused(string bucket)
    {
        Assert.Equal("InvalidParameterValue.InvalidAppIdFormat", await ErrorOf(Export("img-linux001") with { BucketName = bucket }));
    }

    [Fact]
    public async Task ABucketTheExportRoleMayNotWriteIsAPermissionError()
    {
        var code = await ErrorOf(Export("img-linux001") with { BucketName = $"readonly-{_emulator.Host.AppId}" });

        Assert.Equal("InvalidParameterValue.InvalidBucketPermissionForExport", code);
    }

    [Fact]
    public async Task AnUnknownRoleFailsToAuthenticate()
    {
        Assert.Equal("AuthFailure.CamRoleNameAuthenticateFailed", await ErrorOf(Export("img-linux001") with { RoleName = "SomeOtherRole" }));
    }

    [Fact]
    public async Task APrefixListOfTheWrongLengthIsRefused()
    {
        var code = await ErrorOf(Export("img-linux001", "img-linux002") with { FileNamePrefixList = ["only-one"] });

        Assert.Equal("InvalidParameterValue.InvalidFileNamePrefixList", code);
    }

    [Theory]
    [InlineData("ISO")]
    [InlineData("tar")]
    public async Task AnUnknownFormatIsAnInvalidValue(string format)
    {
        Assert.Equal("InvalidParameterValue", await ErrorOf(Export("img-linux001") with { ExportFormat = format }));
    }

    [Fact]
    public async Task ADryRunThatWouldSucceedSaysSoAndStartsNothing()
    {
        // On the wire CVM says so with the error code DryRunOperation; our client turns that into a plain answer.
        var request = Export("img-linux001") with { DryRun = true };
        Assert.Equal("DryRunOperation", await RawErrorOf(System.Text.Json.JsonSerializer.Serialize(new
        {
            request.BucketName,
            request.ImageIds,
            DryRun = true,
        })));
        var answer = await _emulator.Cvm().ExportImagesAsync(request, CancellationToken.None);
        Assert.Equal(0UL, answer.TaskId);
        Assert.Empty(answer.CosPaths);

        Assert.Equal(0, _emulator.Host.RunningExports);
        Assert.Equal(0, _emulator.Host.Counters.ExportsStartedFor("img-linux001"));
        Assert.Equal(2, _emulator.Host.Counters.ExportRequestsFor("img-linux001"));
    }

    [Fact]
    public async Task ADryRunStillReportsWhatIsWrong()
    {
        Assert.Equal("UnsupportedOperation.WindowsImageExportUnsupported", await ErrorOf(Export("img-windows1") with { DryRun = true }));
    }

    [Fact]
    public async Task OneRefusedImageRefusesTheWholeCall()
    {
        Assert.Equal("UnsupportedOperation.WindowsImageExportUnsupported", await ErrorOf(Export("img-linux001", "img-windows1")));

        Assert.Equal(0, _emulator.Host.Counters.ExportsStartedFor("img-linux001"));
    }
}
