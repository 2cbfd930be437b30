using System.Text.Json.Nodes;
using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Start;

/// <summary>The HTTP API's messages follow Accept-Language; codes, fields and everything programs read stay the same.</summary>
public sealed class LanguageTests
{
    private static string RefusedBody => new JsonObject
    {
        ["imageIds"] = new JsonArray("img-win00001", "img-big00001"),
        ["bucket"] = TestApp.OtherRegionBucket,
    }.ToJsonString();

    private static TestApp RefusingApp(Action<Dictionary<string, string>>? configure = null)
    {
        var app = new TestApp(configure);
        app.Cvm.Catalog.Add(Some.WindowsImage("img-win00001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-big00001", systemGiB: 501));
        return app;
    }

    private static Task<ApiResult> PostAsync(TestApp app, string? acceptLanguage) =>
        app.SendAsync("POST", "/exports", RefusedBody, headers: acceptLanguage is null
            ? new Dictionary<string, string> { ["content-type"] = "application/json" }
            : new Dictionary<string, string> { ["content-type"] = "application/json", ["Accept-Language"] = acceptLanguage });

    private static List<(string Code, string Message)> Problems(ApiResult result) =>
        [.. result.Body!["error"]!["problems"]!.AsArray().Select(p => ((string)p!["code"]!, (string)p["message"]!))];

    [Fact]
    public async Task ARefusalAskedInKoreanListsTheSameProblemsWithTheSameCodesInKorean()
    {
        var english = await PostAsync(RefusingApp(), null);
        var korean = await PostAsync(RefusingApp(), "ko-KR,ko;q=0.9,en;q=0.5");

        Assert.Equal(422, korean.Status);
        Assert.Equal("ValidationFailed", korean.ErrorCode);
        Assert.Equal(english.ProblemCodes, korean.ProblemCodes);
        Assert.Equal(["bucket.regionMismatch", "image.windows", "image.diskTooLarge"], korean.ProblemCodes);
        Assert.Equal("ko-KR", korean.Headers["Content-Language"]);
        Assert.Equal("내보내기를 시작할 수 없습니다: 문제 3건", (string?)korean.Body!["error"]!["message"]);
        var problems = Problems(korean);
        Assert.Contains(problems, p => p.Code == "image.windows" && p.Message.StartsWith("img-win00001은(는) Windows 이미지입니다", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Code == "image.diskTooLarge" && p.Message.Contains("500GiB를 넘는 디스크", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Code == "bucket.regionMismatch" && p.Message.Contains("버킷", StringComparison.Ordinal));
        Assert.All(Problems(english), p => Assert.DoesNotMatch(@"\p{IsHangulSyllables}", p.Message));
    }

    [Fact]
    public async Task WithoutAcceptLanguageTheDeploymentsLanguageIsUsed()
    {
        var result = await PostAsync(RefusingApp(env => env["IMAGEEXPORT_LANGUAGE"] = "zh-CN"), null);

        Assert.Equal("zh-CN", result.Headers["Content-Language"]);
        Assert.Equal("无法开始导出：共有 3 个问题", (string?)result.Body!["error"]!["message"]);
        Assert.Contains(Problems(result), p => p.Code == "image.windows" && p.Message.Contains("Windows 自定义镜像不支持导出", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAcceptLanguageNamingNoneOfOursFallsBackToTheDeploymentsLanguage()
    {
        var result = await PostAsync(RefusingApp(), "fr-FR,de;q=0.8");

        Assert.Equal("en", result.Headers["Content-Language"]);
        Assert.Equal("the export cannot start: 3 problems", (string?)result.Body!["error"]!["message"]);
    }

    [Fact]
    public async Task AMalformedFieldIsNamedInTheReadersLanguageWithTheFieldListedAsIs()
    {
        var app = new TestApp();

        var result = await app.SendAsync("POST", "/exports", """{"imageIds":["nope"],"format":"iso"}""",
            headers: new Dictionary<string, string> { ["content-type"] = "application/json", ["Accept-Language"] = "zh-CN" });

        Assert.Equal(400, result.Status);
        Assert.Equal("BadRequest", result.ErrorCode);
        Assert.Equal(["imageIds[0]", "format"], result.Body!["error"]!["fields"]!.AsArray().Select(f => (string)f!).ToList());
        Assert.Equal("imageIds[0]：'nope' 不是镜像 ID（img- 加 8 位小写字母或数字）；format：必须是 raw, qcow2, vhd, vmdk 之一（不区分大小写）", (string?)result.Body["error"]!["message"]);
    }

    [Fact]
    public async Task AuthenticationRefusalsAndUnknownRoutesAreLocalizedToo()
    {
        var app = new TestApp();
        var korean = new Dictionary<string, string> { ["Accept-Language"] = "ko" };

        var refused = await app.SendAsync("GET", "/exports", token: "wrong-token-0123456789", headers: korean);
        var missing = await app.SendAsync("GET", "/nowhere", headers: korean);

        Assert.Equal(401, refused.Status);
        Assert.Equal("Unauthorized", refused.ErrorCode);
        Assert.Equal("Bearer 토큰이 유효하지 않습니다", (string?)refused.Body!["error"]!["message"]);
        Assert.Equal(404, missing.Status);
        Assert.StartsWith("/nowhere 경로가 없습니다.", (string?)missing.Body!["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheImageListGivesEachImagesProblemsInTheReadersLanguage()
    {
        var app = RefusingApp();

        var result = await app.SendAsync("GET", "/images", headers: new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" });

        Assert.Equal(200, result.Status);
        var windows = result.Body!["images"]!.AsArray().Single(i => (string?)i!["imageId"] == "img-win00001")!;
        var problem = windows["problems"]!.AsArray().Single()!;
        Assert.Equal("image.windows", (string?)problem["code"]);
        Assert.Contains("Windows 自定义镜像不支持导出", (string?)problem["message"], StringComparison.Ordinal);
    }
}
