using System.Net;
using System.Text;
using System.Text.Json;
using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

public sealed class WeComChannelTests
{
    private const string Url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-robot-key-123";

    private static ChannelHarness Harness(Func<RecordedRequest, HttpResponseMessage>? answer = null) =>
        new(ChannelHarness.Settings(("IMAGEEXPORT_WECOM_WEBHOOK_URL", Url)), answer);

    private static string Content(RecordedRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
        return json.RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
    }

    [Fact]
    public async Task ItPostsAMarkdownMessageToTheRobotUrl()
    {
        var harness = Harness();

        await harness.Channel("wecom").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        var request = harness.SingleRequest;
        Assert.Equal(new Uri(Url), request.Uri);
        var content = Content(request);
        Assert.Contains($"`{SomeNotification.SystemKey}`", content, StringComparison.Ordinal);
        Assert.Contains("link valid until 2026-03-01 10:00:00 (UTC)", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonZeroErrcodeThrowsEvenThoughTheStatusIs200()
    {
        var harness = Harness(_ => RecordingHandler.Json(
            """{"errcode":45009,"errmsg":"api freq out of limit"}"""));

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(
            () => harness.Channel("wecom").DeliverAsync(SomeNotification.Completed(), CancellationToken.None));

        Assert.Equal(45009, error.ReceiverCode);
        Assert.Contains("api freq out of limit", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wecom-robot-key-123", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHttp500Throws()
    {
        var harness = Harness(_ => RecordingHandler.Json("", HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(
            () => harness.Channel("wecom").DeliverAsync(SomeNotification.Completed(), CancellationToken.None));

        Assert.Equal(500, error.StatusCode);
    }

    [Fact]
    public async Task AnAnswerThatIsNotTheRobotsJsonThrows()
    {
        var harness = Harness(_ => RecordingHandler.Json("<html>captive portal</html>", HttpStatusCode.OK));

        await Assert.ThrowsAsync<NotificationDeliveryException>(
            () => harness.Channel("wecom").DeliverAsync(SomeNotification.Completed(), CancellationToken.None));
    }

    [Fact]
    public async Task AMessageWithManyFilesIsCutUnder4096BytesAtALineEndWithANote()
    {
        var harness = Harness();
        var image = SomeNotification.Completed().Images[0];
        var many = SomeNotification.Completed() with
        {
            Images = [.. Enumerable.Range(0, 40).Select(i => image with { ImageId = $"img-{i:D8}", ImageName = $"镜像-{i} 生产环境" })],
        };

        await harness.Channel("wecom").DeliverAsync(many, CancellationToken.None);

        var content = Content(harness.SingleRequest);
        var bytes = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(content);
        Assert.InRange(bytes.Length, 3000, 4096);
        Assert.EndsWith("lists every file.", content, StringComparison.Ordinal);
        Assert.Contains("message cut to fit WeCom's 4096-byte limit", content, StringComparison.Ordinal);
        Assert.Contains("GET /exports/`job-42`", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("镜像导出失败")]      // 3-byte UTF-8 characters
    [InlineData("导出😀失败🚀")]      // 4-byte characters, surrogate pairs in .NET strings
    public async Task AnOverlongLineIsCutOnACharacterBoundary(string unit)
    {
        var harness = Harness();
        var reason = string.Concat(Enumerable.Repeat(unit, 2000));

        await harness.Channel("wecom").DeliverAsync(SomeNotification.Failed(reason), CancellationToken.None);

        var content = Content(harness.SingleRequest);
        // A strict encoder throws on a lone surrogate: proof no character was split.
        var bytes = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(content);
        Assert.InRange(bytes.Length, 4000, 4096);
        Assert.Contains(string.Concat(Enumerable.Repeat(unit, 50)), content, StringComparison.Ordinal);
        Assert.Contains("message cut to fit WeCom's 4096-byte limit", content, StringComparison.Ordinal);
    }
}
