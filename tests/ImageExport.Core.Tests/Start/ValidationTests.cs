using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Start;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("image.notFound")]
    [InlineData("image.notCustom")]
    [InlineData("image.notReady")]
    [InlineData("image.windows")]
    [InlineData("image.diskTooLarge")]
    [InlineData("image.tooManyDataDisks")]
    [InlineData("bucket.notFound")]
    [InlineData("bucket.regionMismatch")]
    [InlineData("bucket.permissionDenied")]
    [InlineData("image.encrypted")]
    [InlineData("image.marketplace")]
    public async Task EachRuleRejectsWithItsCodeAndRecordsNothing(string code)
    {
        var app = new TestApp();
        var bucket = TestApp.Bucket;
        var image = Some.LinuxImage("img-rule0001");
        switch (code)
        {
            case "image.notFound":
                image = Some.LinuxImage("img-other001");
                break;
            case "image.notCustom":
                image = Some.PublicImage("img-rule0001");
                break;
            case "image.notReady":
                image = Some.CreatingImage("img-rule0001");
                break;
            case "image.windows":
                image = Some.WindowsImage("img-rule0001");
                break;
            case "image.diskTooLarge":
                image = Some.LinuxImage("img-rule0001", systemGiB: 501);
                break;
            case "image.tooManyDataDisks":
                image = Some.LinuxImage("img-rule0001", dataDisks: 6);
                break;
            case "bucket.notFound":
                bucket = "missing-1250000000";
                break;
            case "bucket.regionMismatch":
                bucket = TestApp.OtherRegionBucket;
                break;
            case "bucket.permissionDenied":
                app.Cvm.DeniedBuckets.Add(TestApp.Bucket);
                break;
            case "image.encrypted":
                app.Cvm.FailWith["img-rule0001"] = "UnsupportedOperation.EncryptedImagesNotSupported";
                break;
            case "image.marketplace":
                app.Cvm.FailWith["img-rule0001"] = "UnsupportedOperation.MarketImageExportUnsupported";
                break;
        }
        app.Cvm.Catalog.Add(image);
        var before = app.Cos.AllKeys();

        var result = await app.PostExportsAsync(new JsonObject { ["imageIds"] = new JsonArray("img-rule0001"), ["bucket"] = bucket }.ToJsonString());

        Assert.Equal(422, result.Status);
        Assert.Equal("ValidationFailed", result.ErrorCode);
        Assert.Contains(code, result.ProblemCodes);
        Assert.Equal(before, app.Cos.AllKeys());
        Assert.Empty(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task EveryProblemIsReportedAtOnceNotOnlyTheFirst()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.WindowsImage("img-windows1"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-toobig01", systemGiB: 800, dataDisks: 6));

        var result = await app.PostExportsAsync(new JsonObject
        {
            ["imageIds"] = new JsonArray("img-windows1", "img-toobig01", "img-missing1"),
            ["bucket"] = TestApp.OtherRegionBucket,
        }.ToJsonString());

        Assert.Equal(422, result.Status);
        Assert.Equal(
            ["bucket.regionMismatch", "image.diskTooLarge", "image.notFound", "image.tooManyDataDisks", "image.windows"],
            result.ProblemCodes.Order());
        var problems = result.Body!["error"]!["problems"]!.AsArray();
        Assert.Equal("img-windows1", problems.Single(p => p!["code"]!.GetValue<string>() == "image.windows")!["imageId"]!.GetValue<string>());
        Assert.Empty(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task AnImageWithManyDataDisksIsAcceptedWhenOnlyTheRootDiskIsExported()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-sixdisk1", dataDisks: 6));

        var result = await app.PostExportsAsync("""{"imageIds":["img-sixdisk1"],"bucket":"exports-1250000000","onlyRootDisk":true,"format":"QCOW2"}""");

        Assert.Equal(202, result.Status);
        var call = Assert.Single(app.Cvm.ExportCalls);
        Assert.True(call.OnlyExportRootDisk);
        Assert.Equal("QCOW2", call.ExportFormat);
        Assert.Single(result.Body!["images"]![0]!["files"]!.AsArray());
    }

    [Fact]
    public async Task AWindowsImageIsRecognisedByItsOsNameEvenWhenThePlatformSaysOtherwise()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-winos001") with { Platform = "Other", OsName = "windows server 2022" });

        var result = await app.PostExportsAsync(TestApp.ExportBody("img-winos001"));

        Assert.Equal(["image.windows"], result.ProblemCodes);
    }

    [Fact]
    public async Task ABucketTheFunctionMayNotReadIsAPermissionProblem()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cos.UnreadableBuckets.Add(TestApp.Bucket);

        var result = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        Assert.Equal(["bucket.permissionDenied"], result.ProblemCodes);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { """{"bucket":"exports-1250000000"}""", "imageIds" },
        { """{"imageIds":[],"bucket":"exports-1250000000"}""", "imageIds" },
        { """{"imageIds":"img-linux001","bucket":"exports-1250000000"}""", "imageIds" },
        { "{\"imageIds\":[" + string.Join(",", Enumerable.Range(10000000, 21).Select(n => $"\"img-{n}\"")) + "],\"bucket\":\"exports-1250000000\"}", "imageIds" },
        { """{"imageIds":["IMG-LINUX001"],"bucket":"exports-1250000000"}""", "imageIds[0]" },
        { """{"imageIds":["img-linux001",42],"bucket":"exports-1250000000"}""", "imageIds[1]" },
        { """{"imageIds":["img-linux001","img-linux001"],"bucket":"exports-1250000000"}""", "imageIds[1]" },
        { """{"imageIds":["img-linux001"],"bucket":"Exports_1250000000"}""", "bucket" },
        { """{"imageIds":["img-linux001"],"bucket":"exports"}""", "bucket" },
        { """{"imageIds":["img-linux001"],"bucket":"-exports-1250000000"}""", "bucket" },
        { """{"imageIds":["img-linux001"],"bucket":"averyveryveryveryverylongbucketname-exceeds-1250000000"}""", "bucket" },
        { """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","prefix":"../escape"}""", "prefix" },
        { """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","prefix":"/absolute"}""", "prefix" },
        { """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","prefix":"bad\u0001name"}""", "prefix" },
        { "{\"imageIds\":[\"img-linux001\"],\"bucket\":\"exports-1250000000\",\"prefix\":\"" + new string('a', 129) + "\"}", "prefix" },
        { """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","format":"iso"}""", "format" },
        { """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","onlyRootDisk":"yes"}""", "onlyRootDisk" },
        { """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","dryRun":1}""", "dryRun" },
        { """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","roleName":"bad role!"}""", "roleName" },
        { """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","onlyRootDisks":true}""", "onlyRootDisks" },
        { """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","imageIds":["img-linux002"]}""", "imageIds" },
        { "not json", "body" },
        { "[1,2]", "body" },
        { "", "body" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task AMalformedFieldIsABadRequestNamingTheField(string body, string field)
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));

        var result = await app.PostExportsAsync(body);

        Assert.Equal(400, result.Status);
        Assert.Equal("BadRequest", result.ErrorCode);
        Assert.Contains(field, result.Body!["error"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains(field, result.Body["error"]!["message"]!.GetValue<string>());
        Assert.Empty(app.Cos.AllKeys());
        Assert.Equal(0, app.Cvm.DescribeCalls);
    }

    [Fact]
    public async Task ABucketWhoseDomainInTheFunctionsRegionExceedsSixtyCharactersIsABadRequest()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        // 31 characters: the old 50-character rule let it through; exports-long-name-xy-1250000000.cos.ap-guangzhou.myqcloud.com is 61.
        var tooLong = await app.PostExportsAsync("""{"imageIds":["img-linux001"],"bucket":"exports-long-name-xy-1250000000"}""");
        var longest = await app.PostExportsAsync("""{"imageIds":["img-linux001"],"bucket":"exports-long-name-x-1250000000"}""");

        Assert.Equal(400, tooLong.Status);
        Assert.Equal(["bucket"], tooLong.Body!["error"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("at most 60 characters (here 61)", tooLong.Body["error"]!["message"]!.GetValue<string>());
        Assert.Equal(422, longest.Status);
        Assert.Equal(["bucket.notFound"], longest.ProblemCodes);
        Assert.Empty(app.Cos.AllKeys());
    }

    [Fact]
    public async Task ABodyThatIsNotUtf8IsABadRequestNotAServerError()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"imageIds":["img-linux001"],"bucket":"exports-1250000000","prefix":"a"""), 0xC3, 0x28, .. "\"}"u8];

        var result = await app.SendRawAsync(Convert.ToBase64String(body), base64: true);

        Assert.Equal(400, result.Status);
        Assert.Equal("BadRequest", result.ErrorCode);
        Assert.Contains("UTF-8", result.Body!["error"]!["message"]!.GetValue<string>());
        Assert.Empty(app.Cos.AllKeys());
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefusedBeforeItIsRead()
    {
        var app = new TestApp();
        var body = """{"imageIds":["img-linux001"],"bucket":"exports-1250000000","prefix":"x""" + new string(' ', 70_000) + "\"}";

        var result = await app.PostExportsAsync(body);

        Assert.Equal(413, result.Status);
        Assert.Equal("PayloadTooLarge", result.ErrorCode);
        Assert.Equal(0, app.Cvm.DescribeCalls);
    }

    [Fact]
    public async Task TheBucketDefaultsToTheConfiguredOne()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));

        var result = await app.PostExportsAsync("""{"imageIds":["img-linux001"],"prefix":"nightly/web"}""");

        Assert.Equal(202, result.Status);
        Assert.Equal(TestApp.Bucket, result.Body!["bucket"]!.GetValue<string>());
        Assert.Equal(["nightly/web"], app.Cvm.ExportCalls.Single().FileNamePrefixList);
    }
}
