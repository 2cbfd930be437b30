using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

public sealed class DingTalkChannelTests
{
    private const string Url = "https://oapi.dingtalk.com/robot/send?access_token=ding-token-abc";
    private const string Secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

    private static ChannelHarness Harness(string? secret = Secret, Func<RecordedRequest, HttpResponseMessage>? answer = null)
    {
        var variables = new List<(string, string)> { ("IMAGEEXPORT_DINGTALK_WEBHOOK_URL", Url) };
        if (secret is not null)
        {
            variables.Add(("IMAGEEXPORT_DINGTALK_SECRET", secret));
        }

        return new ChannelHarness(ChannelHarness.Settings([.. variables]), answer);
    }

    [Fact]
    public async Task ItPostsAMarkdownMessageWithATitleAndText()
    {
        var harness = Harness();

        await harness.Channel("dingtalk").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        using var json = JsonDocument.Parse(harness.SingleRequest.Body);
        Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
        var markdown = json.RootElement.GetProperty("markdown");
        Assert.Equal("Image export completed: job job-42", markdown.GetProperty("title").GetString());
        Assert.Contains($"`{SomeNotification.DataKey}`", markdown.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSignMatchesTheDocumentedFormulaComputedIndependently()
    {
        var harness = Harness();

        await harness.Channel("dingtalk").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        var url = harness.SingleRequest.Uri;
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("ding-token-abc", query["access_token"]);
        var timestamp = SomeNotification.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(timestamp, query["timestamp"]);

        // urlencode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret))), from DingTalk's guide.
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var base64 = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "\n" + Secret)));
        var rawSign = url.Query.Split('&').Single(pair => pair.StartsWith("sign=", StringComparison.Ordinal))["sign=".Length..];
        Assert.Equal(WebUtility.UrlEncode(base64), rawSign, ignoreCase: true);
        Assert.Equal(base64, query["sign"]);
    }

    [Fact]
    public async Task WithoutASecretTheUrlIsLeftAsConfigured()
    {
        var harness = Harness(secret: null);

        await harness.Channel("dingtalk").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        Assert.Equal(new Uri(Url), harness.SingleRequest.Uri);
    }

    [Fact]
    public async Task ANonZeroErrcodeThrows()
    {
        var harness = Harness(answer: _ => RecordingHandler.Json(
            """{"errcode":310000,"errmsg":"sign not match"}"""));

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(
            () => harness.Channel("dingtalk").DeliverAsync(SomeNotification.Completed(), CancellationToken.None));

        Assert.Equal(310000, error.ReceiverCode);
        Assert.Equal("dingtalk", error.Channel);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ding-token-abc", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHttp500Throws()
    {
        var harness = Harness(answer: _ => RecordingHandler.Json("{}", HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(
            () => harness.Channel("dingtalk").DeliverAsync(SomeNotification.Completed(), CancellationToken.None));

        Assert.Equal(500, error.StatusCode);
    }
}
