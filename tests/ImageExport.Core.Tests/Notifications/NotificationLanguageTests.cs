using System.Text.Json;
using ImageExport.Configuration;
using ImageExport.Core.Notifications;
using ImageExport.Core.Texts;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

/// <summary>Each channel speaks the deployment's language, or its own; codes, keys and JSON field names stay as they are.</summary>
public sealed class NotificationLanguageTests
{
    private const string WeComUrl = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k";
    private const string WebhookUrl = "https://receiver.example.com/hooks/image-export";

    private static ChannelHarness Harness(params (string Name, string Value)[] extra) =>
        new(ChannelHarness.Settings([
            ("IMAGEEXPORT_WECOM_WEBHOOK_URL", WeComUrl),
            ("IMAGEEXPORT_WEBHOOK_URL", WebhookUrl), ("IMAGEEXPORT_WEBHOOK_SECRET", "s"),
            ("IMAGEEXPORT_SES_FROM", "noreply@mail.example.com"), ("IMAGEEXPORT_SES_TO", "ops@example.com"), ("IMAGEEXPORT_SES_TEMPLATE_ID", "7"),
            .. extra]));

    private static async Task<(string WeCom, JsonElement Webhook, JsonElement Email)> DeliverAsync(ChannelHarness harness, ExportNotification notification)
    {
        foreach (var channel in harness.Channels)
        {
            await channel.DeliverAsync(notification, CancellationToken.None);
        }

        var weCom = harness.Http.Requests.Single(r => r.Uri == new Uri(WeComUrl));
        var webhook = harness.Http.Requests.Single(r => r.Uri == new Uri(WebhookUrl));
        var email = ((RecordingSesApi)harness.Ses).Sent.Single();
        return (
            JsonDocument.Parse(weCom.Body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!,
            JsonDocument.Parse(webhook.Body).RootElement.Clone(),
            JsonDocument.Parse(email.Template.TemplateData).RootElement.Clone());
    }

    [Fact]
    public async Task InChineseTheWholeMessageIsChineseWhileKeysCodesAndFieldNamesStayAsTheyAre()
    {
        var (weCom, webhook, _) = await DeliverAsync(Harness(("IMAGEEXPORT_LANGUAGE", "zh-CN")), SomeNotification.Completed());

        Assert.Contains("### ✅ 镜像导出完成：任务 job-42", weCom, StringComparison.Ordinal);
        Assert.Contains("- 结果：**已完成**", weCom, StringComparison.Ordinal);
        Assert.Contains("- 任务：`job-42`", weCom, StringComparison.Ordinal);
        Assert.Contains("- 存储桶：`backup-1250000000`", weCom, StringComparison.Ordinal);
        Assert.Contains("- 导出耗时：1 小时 30 分钟 15 秒", weCom, StringComparison.Ordinal);
        Assert.Contains($"`{SomeNotification.SystemKey}`：10.00 GiB（10,737,418,240 字节），[下载](", weCom, StringComparison.Ordinal);
        Assert.Contains("链接有效期至 2026年3月1日 10:00:00（UTC）", weCom, StringComparison.Ordinal);
        Assert.Contains("**费用（腾讯云对象存储 COS）**", weCom, StringComparison.Ordinal);
        Assert.Contains("同地域（ap-guangzhou）的腾讯云产品默认通过内网访问 COS，内网下载不产生流量费用。", weCom, StringComparison.Ordinal);
        Assert.DoesNotContain("Image export", weCom, StringComparison.Ordinal);

        Assert.Equal("zh-CN", webhook.GetProperty("language").GetString());
        Assert.Equal("completed", webhook.GetProperty("outcome").GetString());
        Assert.Equal("镜像导出完成：任务 job-42", webhook.GetProperty("title").GetString());
        Assert.Contains("镜像导出完成", webhook.GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("存储容量费用：", webhook.GetProperty("fees").GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InKoreanTheMessageIsKorean()
    {
        var (weCom, webhook, email) = await DeliverAsync(Harness(("IMAGEEXPORT_LANGUAGE", "ko-KR")), SomeNotification.Failed("no file after 6 h (timeout)"));

        Assert.Contains("### ❌ 이미지 내보내기 실패: 작업 job-42", weCom, StringComparison.Ordinal);
        Assert.Contains("- 결과: **실패**, 사유: no file after 6 h (timeout)", weCom, StringComparison.Ordinal);
        Assert.Contains("- 파일: 없음", weCom, StringComparison.Ordinal);
        Assert.Equal("ko-KR", webhook.GetProperty("language").GetString());
        Assert.Equal("failed", webhook.GetProperty("outcome").GetString());
        Assert.Equal("이미지 내보내기 실패: 작업 job-42", email.GetProperty("title").GetString());
        Assert.Equal("실패", email.GetProperty("outcome").GetString());
        Assert.Equal("ko-KR", email.GetProperty("language").GetString());
    }

    [Fact]
    public async Task ARecordedEnglishFailureReasonIsGivenInTheReadersLanguage()
    {
        const string reason = "timed out after 2h05m (the limit for 30 GiB is 2h00m); 0 of 2 file(s) landed";
        var failed = SomeNotification.Failed(reason) with { Reason = $"img-8a1b2c3d: {reason}" };

        var (weCom, webhook, email) = await DeliverAsync(Harness(("IMAGEEXPORT_LANGUAGE", "zh-CN")), failed);

        Assert.Contains("- 原因：导出超时：已用 2h05m（30 GiB 的时限为 2h00m）；2 个文件中已写入 0 个", weCom, StringComparison.Ordinal);
        Assert.Contains("结果：**失败**，原因：img-8a1b2c3d：导出超时", weCom, StringComparison.Ordinal);
        Assert.Equal($"img-8a1b2c3d: {reason}", webhook.GetProperty("reason").GetString());
        Assert.StartsWith("img-8a1b2c3d：导出超时", email.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChannelsOwnLanguageOverridesTheDeployments()
    {
        var harness = Harness(("IMAGEEXPORT_LANGUAGE", "ko-KR"), ("IMAGEEXPORT_WECOM_LANGUAGE", "zh-CN"), ("IMAGEEXPORT_SES_LANGUAGE", "en"));

        var (weCom, webhook, email) = await DeliverAsync(harness, SomeNotification.Completed());

        Assert.Contains("镜像导出完成", weCom, StringComparison.Ordinal);
        Assert.Equal("ko-KR", webhook.GetProperty("language").GetString());
        Assert.Equal("Image export completed: job job-42", email.GetProperty("title").GetString());
        Assert.Equal("Image export completed: job job-42", ((RecordingSesApi)harness.Ses).Sent.Single().Subject);
    }

    [Fact]
    public async Task WithATimeZoneEveryTimeIsGivenInUtcAndInThatZone()
    {
        var (weCom, _, email) = await DeliverAsync(
            Harness(("IMAGEEXPORT_LANGUAGE", "zh-CN"), ("IMAGEEXPORT_TIME_ZONE", "Asia/Shanghai")), SomeNotification.Completed());

        Assert.Contains("- 开始时间：2026年3月1日 02:00:00（UTC），即 2026年3月1日 10:00:00（Asia/Shanghai，UTC+08:00）", weCom, StringComparison.Ordinal);
        Assert.Contains("链接有效期至 2026年3月1日 10:00:00（UTC），即 2026年3月1日 18:00:00（Asia/Shanghai，UTC+08:00）", weCom, StringComparison.Ordinal);
        Assert.Equal("2026年3月1日 10:00:00（UTC），即 2026年3月1日 18:00:00（Asia/Shanghai，UTC+08:00）", email.GetProperty("linksValidUntil").GetString());
    }

    [Fact]
    public async Task ACutMessageSaysSoInItsLanguage()
    {
        var images = Enumerable.Range(0, 60).Select(i => SomeNotification.Completed().Images[0] with { ImageId = $"img-{i:D8}" }).ToList();
        var (weCom, _, _) = await DeliverAsync(Harness(("IMAGEEXPORT_LANGUAGE", "ko-KR")), SomeNotification.Completed() with { Images = images });

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(weCom) <= WeComChannel.MaxContentBytes);
        Assert.EndsWith("… 메시지가 WeCom의 4096바이트 제한을 넘어 잘렸습니다. GET /exports/`job-42`에서 모든 파일을 볼 수 있습니다.", weCom, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IMAGEEXPORT_LANGUAGE", "fr")]
    [InlineData("IMAGEEXPORT_WECOM_LANGUAGE", "zh")]
    [InlineData("IMAGEEXPORT_TIME_ZONE", "Mars/Olympus_Mons")]
    public void AMalformedLanguageOrZoneStopsStartUpNamingTheVariable(string variable, string value)
    {
        var error = Assert.Throws<ImageExportConfigurationException>(() => ChannelHarness.Settings((variable, value)));

        Assert.Equal(variable, error.Variable);
    }

    [Fact]
    public void WithNothingSetEverythingIsEnglishInUtc()
    {
        var settings = ChannelHarness.Settings();

        Assert.Same(Language.English, settings.Languages.For("wecom"));
        Assert.Null(settings.TimeZone);
    }
}
