using System.Text.Json.Nodes;
using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Start;

public sealed class DryRunTests
{
    [Fact]
    public async Task ADryRunAnswersAVerdictPerImageAsksCvmAndRecordsNothing()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.WindowsImage("img-windows1"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-encrypt1"));
        app.Cvm.FailWith["img-encrypt1"] = "UnsupportedOperation.EncryptedImagesNotSupported";

        var result = await app.PostExportsAsync(new JsonObject
        {
            ["imageIds"] = new JsonArray("img-linux001", "img-windows1", "img-encrypt1"),
            ["bucket"] = TestApp.Bucket,
            ["dryRun"] = true,
        }.ToJsonString(), idempotencyKey: "dry-run-key");

        Assert.Equal(200, result.Status);
        Assert.False(result.Body!["exportable"]!.GetValue<bool>());
        var verdicts = result.Body["images"]!.AsArray().ToDictionary(v => v!["imageId"]!.GetValue<string>());
        Assert.True(verdicts["img-linux001"]!["exportable"]!.GetValue<bool>());
        Assert.Equal("image.windows", verdicts["img-windows1"]!["problems"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("image.encrypted", verdicts["img-encrypt1"]!["problems"]![0]!["code"]!.GetValue<string>());
        // CVM's DryRun is asked for every image that passed the local rules.
        Assert.Equal(["img-encrypt1", "img-linux001"], app.Cvm.DryRunCalls.Select(c => c.ImageIds[0]).Order());
        Assert.True(app.Cvm.DryRunCalls.All(c => c.DryRun == true));
        Assert.Empty(app.Cvm.ExportCalls);
        Assert.Empty(app.Cos.AllKeys());
    }

    [Fact]
    public async Task ADryRunReportsABucketTheRoleMayNotWriteForEveryImage()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.DeniedBuckets.Add(TestApp.Bucket);

        var result = await app.PostExportsAsync("""{"imageIds":["img-linux001"],"bucket":"exports-1250000000","dryRun":true}""");

        Assert.Equal(200, result.Status);
        Assert.False(result.Body!["images"]![0]!["exportable"]!.GetValue<bool>());
        var problem = result.Body["problems"]!.AsArray().Single()!;
        Assert.Equal("bucket.permissionDenied", problem["code"]!.GetValue<string>());
        Assert.Equal("InvalidParameterValue.InvalidBucketPermissionForExport", problem["cvmCode"]!.GetValue<string>());
    }
}
