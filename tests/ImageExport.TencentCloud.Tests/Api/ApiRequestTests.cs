using System.Text.Json;
using ImageExport.TencentCloud.Cvm;
using ImageExport.TencentCloud.Signing;
using ImageExport.TencentCloud.Tests.Support;

namespace ImageExport.TencentCloud.Tests.Api;

public sealed class ApiRequestTests
{
    private static readonly string DescribeImagesAnswer = Fixture.Text("events/cvm-describe-images-response.json");

    [Fact]
    public async Task TheRequestCarriesTheCommonHeadersAndASignatureTheServerCanVerify()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(DescribeImagesAnswer));
        var time = Some.Time();
        var cvm = new CvmClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), Some.LocalSettings, Some.Policy(time));

        await cvm.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = ["img-qlzp4oea"] }, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/", sent.Uri.AbsolutePath);
        Assert.Equal("application/json; charset=utf-8", sent.Header("Content-Type"));
        Assert.Equal("127.0.0.1:9100", sent.Header("Host"));
        Assert.Equal("DescribeImages", sent.Header("X-TC-Action"));
        Assert.Equal("ap-guangzhou", sent.Header("X-TC-Region"));
        Assert.Equal("2017-03-12", sent.Header("X-TC-Version"));
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds().ToString(), sent.Header("X-TC-Timestamp"));
        Assert.Null(sent.Header("X-TC-Token"));
        Verify.Tc3(sent, Some.SecretKey);
    }

    [Fact]
    public async Task TheCredentialScopeNamesTheServiceByTheEndpointsFirstLabel()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(DescribeImagesAnswer));
        var settings = Some.LocalSettings with { CvmEndpoint = new Uri("https://cvm.tencentcloudapi.com") };
        var cvm = new CvmClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), settings, Some.Policy(Some.Time()));

        await cvm.DescribeImagesAsync(new DescribeImagesRequest(), CancellationToken.None);
        var local = new CvmClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), Some.LocalSettings, Some.Policy(Some.Time()));
        await local.DescribeImagesAsync(new DescribeImagesRequest(), CancellationToken.None);

        Assert.True(Tc3AuthorizationParser.TryParse(handler.Requests[0].Header("Authorization"), out var remote));
        Assert.Equal("cvm", remote.Service);
        Assert.Equal("cvm.tencentcloudapi.com", handler.Requests[0].Header("Host"));
        Assert.True(Tc3AuthorizationParser.TryParse(handler.Requests[1].Header("Authorization"), out var emulated));
        Assert.Equal("127", emulated.Service);
    }

    [Fact]
    public async Task WithTemporaryKeysTheTokenIsSentButNotSigned()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(DescribeImagesAnswer));
        var cvm = new CvmClient(handler.Client(), new FixedCredentials(Some.TemporaryKeys), Some.LocalSettings, Some.Policy(Some.Time()));

        await cvm.DescribeImagesAsync(new DescribeImagesRequest(), CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(Some.Token, sent.Header("X-TC-Token"));
        Assert.True(Tc3AuthorizationParser.TryParse(sent.Header("Authorization"), out var authorization));
        Assert.DoesNotContain("x-tc-token", authorization.SignedHeaders);
        Verify.Tc3(sent, Some.SecretKey);
    }

    [Fact]
    public async Task CredentialsAreReadForEveryCallSoRotatedKeysAreUsed()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(DescribeImagesAnswer));
        var credentials = new FixedCredentials(Some.TemporaryKeys);
        var cvm = new CvmClient(handler.Client(), credentials, Some.LocalSettings, Some.Policy(Some.Time()));

        await cvm.DescribeImagesAsync(new DescribeImagesRequest(), CancellationToken.None);
        credentials.Credentials = new("AKIDrotated", "rotatedKey", "rotatedToken");
        await cvm.DescribeImagesAsync(new DescribeImagesRequest(), CancellationToken.None);

        Assert.Equal("rotatedToken", handler.Requests[1].Header("X-TC-Token"));
        Assert.StartsWith("TC3-HMAC-SHA256 Credential=AKIDrotated/", handler.Requests[1].Header("Authorization"));
        Verify.Tc3(handler.Requests[1], "rotatedKey");
    }

    [Fact]
    public async Task TheDocumentedResponseParsesAndUnknownFieldsAreIgnored()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(DescribeImagesAnswer));
        var cvm = new CvmClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), Some.LocalSettings, Some.Policy(Some.Time()));

        var response = await cvm.DescribeImagesAsync(new DescribeImagesRequest(), CancellationToken.None);

        using var document = JsonDocument.Parse(DescribeImagesAnswer);
        var published = document.RootElement.GetProperty("Response");
        var image = Assert.Single(response.ImageSet);
        var publishedImage = published.GetProperty("ImageSet")[0];
        Assert.Equal(published.GetProperty("TotalCount").GetInt32(), response.TotalCount);
        Assert.Equal(published.GetProperty("RequestId").GetString(), response.RequestId);
        Assert.Equal(publishedImage.GetProperty("ImageId").GetString(), image.ImageId);
        Assert.Equal(publishedImage.GetProperty("ImageType").GetString(), image.ImageType);
        Assert.Equal(publishedImage.GetProperty("ImageState").GetString(), image.ImageState);
        Assert.Equal(publishedImage.GetProperty("Platform").GetString(), image.Platform);
        var snapshot = Assert.Single(image.SnapshotSet);
        Assert.Equal(publishedImage.GetProperty("SnapshotSet")[0].GetProperty("DiskSize").GetInt64(), snapshot.DiskSize);
        Assert.Equal(publishedImage.GetProperty("SnapshotSet")[0].GetProperty("DiskUsage").GetString(), snapshot.DiskUsage);
    }

    [Fact]
    public async Task ExportImagesSendsEveryParameterGivenAndLeavesOutTheRest()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(Fixture.Text("events/cvm-export-images-response.json")));
        var cvm = new CvmClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), Some.LocalSettings, Some.Policy(Some.Time()));

        var full = await cvm.ExportImagesAsync(new ExportImagesRequest
        {
            BucketName = Some.Bucket,
            ImageIds = ["img-1", "img-2"],
            ExportFormat = "QCOW2",
            FileNamePrefixList = ["a", "b"],
            OnlyExportRootDisk = true,
            DryRun = false,
            RoleName = "CVM_QcsRole",
        }, CancellationToken.None);
        await cvm.ExportImagesAsync(new ExportImagesRequest { BucketName = Some.Bucket, ImageIds = ["img-1"] }, CancellationToken.None);

        using var sent = JsonDocument.Parse(handler.Requests[0].Body);
        var body = sent.RootElement;
        Assert.Equal(Some.Bucket, body.GetProperty("BucketName").GetString());
        Assert.Equal(["img-1", "img-2"], body.GetProperty("ImageIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("QCOW2", body.GetProperty("ExportFormat").GetString());
        Assert.Equal(["a", "b"], body.GetProperty("FileNamePrefixList").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.GetProperty("OnlyExportRootDisk").GetBoolean());
        Assert.False(body.GetProperty("DryRun").GetBoolean());
        Assert.Equal("CVM_QcsRole", body.GetProperty("RoleName").GetString());
        Assert.Equal("ExportImages", handler.Requests[0].Header("X-TC-Action"));

        using var minimal = JsonDocument.Parse(handler.Requests[1].Body);
        Assert.Equal(["BucketName", "ImageIds"], minimal.RootElement.EnumerateObject().Select(p => p.Name));

        Assert.Equal(105591590UL, full.TaskId);
        Assert.Equal(["/img-pq5pau1w_system_snap-fiux4bof.raw"], full.CosPaths);
    }
}
