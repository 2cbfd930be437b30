using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>
/// The local stack started with IMAGEEXPORT_LANGUAGE set, as <c>IMAGEEXPORT_LANGUAGE=zh-CN dotnet run --project local</c>
/// starts it: the completed-export notification a WeCom group renders and the signed webhook body are in that language.
/// </summary>
public sealed class LanguageEndToEndTests
{
    private const string ExportableImage = "img-demolnx1";

    private static async Task<(StackApplication App, RobotReceiver WeCom)> StartAsync(string language, string? timeZone = null)
    {
        var weCom = new RobotReceiver();
        var variables = new Dictionary<string, string>
        {
            ["IMAGEEXPORT_LANGUAGE"] = language,
            ["IMAGEEXPORT_WECOM_WEBHOOK_URL"] = weCom.Url.ToString(),
        };
        if (timeZone is not null)
        {
            variables["IMAGEEXPORT_TIME_ZONE"] = timeZone;
        }

        return (await StackApplication.StartAsync(variables: variables), weCom);
    }

    private static async Task<(string WeCom, JsonObject Webhook)> CompleteAnExportAsync(StackApplication app, RobotReceiver weCom)
    {
        var (status, started) = await app.PostExportAsync(new JsonObject { ["imageIds"] = new JsonArray(ExportableImage), ["format"] = "qcow2" });
        Assert.Equal(202, status);
        var jobId = (string)started["jobId"]!;
        await app.WaitForJobStateAsync(jobId, "completed");
        var line = Assert.Single(await app.WaitForNotificationsAsync(jobId));
        return (await weCom.WaitForContentAsync(jobId), line["payload"]!.AsObject());
    }

    [Fact]
    public async Task InChineseTheCompletedExportIsAnnouncedInChineseOnWeComAndInTheWebhookBody()
    {
        var (app, weCom) = await StartAsync("zh-CN", "Asia/Shanghai");
        await using var _ = app;
        await using var __ = weCom;

        var (content, webhook) = await CompleteAnExportAsync(app, weCom);

        Assert.StartsWith("### ✅ 镜像导出完成：任务 ", content, StringComparison.Ordinal);
        Assert.Contains("- 结果：**已完成**", content, StringComparison.Ordinal);
        Assert.Contains("- 格式：QCOW2", content, StringComparison.Ordinal);
        Assert.Contains("（Asia/Shanghai，UTC+08:00）", content, StringComparison.Ordinal);
        Assert.Contains("链接有效期至 ", content, StringComparison.Ordinal);
        Assert.Contains("存储容量费用：", content, StringComparison.Ordinal);
        Assert.DoesNotContain("Image export", content, StringComparison.Ordinal);

        Assert.Equal("zh-CN", (string?)webhook["language"]);
        Assert.Equal("completed", (string?)webhook["outcome"]);
        Assert.StartsWith("镜像导出完成：任务 ", (string?)webhook["title"], StringComparison.Ordinal);
        Assert.Equal(content, (string?)webhook["markdown"]);
        Assert.StartsWith("存储容量费用：", (string?)webhook["fees"]!["notes"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task InKoreanTheCompletedExportIsAnnouncedInKorean()
    {
        var (app, weCom) = await StartAsync("ko-KR");
        await using var _ = app;
        await using var __ = weCom;

        var (content, webhook) = await CompleteAnExportAsync(app, weCom);

        Assert.StartsWith("### ✅ 이미지 내보내기 완료: 작업 ", content, StringComparison.Ordinal);
        Assert.Contains("- 결과: **완료**", content, StringComparison.Ordinal);
        Assert.Contains("스토리지 용량 요금: ", content, StringComparison.Ordinal);
        Assert.Equal("ko-KR", (string?)webhook["language"]);
        Assert.StartsWith("이미지 내보내기 완료: 작업 ", (string?)webhook["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedRequestAskedInKoreanListsItsProblemsInKoreanWithTheSameCodes()
    {
        await using var app = await StackApplication.StartAsync();
        var body = new JsonObject { ["imageIds"] = new JsonArray("img-demowin1", "img-demobig1", "img-demo6dsk", "img-demopub1") }.ToJsonString();

        async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(string? language)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/exports") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (language is not null)
            {
                request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            }

            var response = await app.Http.SendAsync(request);
            return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
        }

        var (englishResponse, english) = await PostAsync(null);
        var (koreanResponse, korean) = await PostAsync("ko-KR");

        Assert.Equal(422, (int)koreanResponse.StatusCode);
        Assert.Equal("ko-KR", koreanResponse.Content.Headers.ContentLanguage.Single());
        static List<(string?, string?)> Codes(JsonObject body) =>
            [.. body["error"]!["problems"]!.AsArray().Select(p => ((string?)p!["imageId"], (string?)p["code"]))];
        Assert.Equal(Codes(english), Codes(korean));
        Assert.Equal(["image.windows", "image.diskTooLarge", "image.tooManyDataDisks", "image.notCustom"], Codes(korean).Select(c => c.Item2).ToList());
        Assert.Equal("내보내기를 시작할 수 없습니다: 문제 4건", (string?)korean["error"]!["message"]);
        Assert.All(korean["error"]!["problems"]!.AsArray(), p => Assert.Matches(@"\p{IsHangulSyllables}", (string?)p!["message"]));
        Assert.Equal(422, (int)englishResponse.StatusCode);
        Assert.All(english["error"]!["problems"]!.AsArray(), p => Assert.DoesNotMatch(@"\p{IsHangulSyllables}", (string?)p!["message"]));
        Assert.Empty(app.StateKeys());
    }

    [Fact]
    public async Task ThePackagedNativeAotBinarySpeaksKoreanWithSeoulTimeAndAnswersAChineseRefusalInChinese()
    {
        await ImageExport.Local.Tests.Process.Support.PackagedBinary.EnsurePackagedAsync();
        await using var app = await StackApplication.StartAsync(functions: FunctionsMode.Process, variables: new Dictionary<string, string>
        {
            ["IMAGEEXPORT_LANGUAGE"] = "ko-KR",
            ["IMAGEEXPORT_TIME_ZONE"] = "Asia/Seoul",
        });

        var (status, started) = await app.PostExportAsync(new JsonObject { ["imageIds"] = new JsonArray(ExportableImage) });
        Assert.Equal(202, status);
        var jobId = (string)started["jobId"]!;
        await app.WaitForJobStateAsync(jobId, "completed");
        var payload = Assert.Single(await app.WaitForNotificationsAsync(jobId))["payload"]!;
        var markdown = (string?)payload["markdown"];
        Assert.Equal("ko-KR", (string?)payload["language"]);
        Assert.StartsWith("### ✅ 이미지 내보내기 완료: 작업 ", markdown, StringComparison.Ordinal);
        Assert.Contains("(Asia/Seoul, UTC+09:00)", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2}:\d{2}\(UTC\)", markdown);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/exports")
        {
            Content = new StringContent(new JsonObject { ["imageIds"] = new JsonArray("img-demowin1") }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        var refused = await app.Http.SendAsync(request);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(422, (int)refused.StatusCode);
        Assert.Equal("image.windows", (string?)body["error"]!["problems"]![0]!["code"]);
        Assert.Contains("Windows 自定义镜像不支持导出", (string?)body["error"]!["problems"]![0]!["message"], StringComparison.Ordinal);
    }
}
