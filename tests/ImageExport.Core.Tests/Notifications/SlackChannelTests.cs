using System.Net;
using System.Text.Json;
using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

public sealed class SlackChannelTests
{
    private const string Url = "https://hooks.slack.com/services/T000/B000/slacksecret";

    private static ChannelHarness Harness(Func<RecordedRequest, HttpResponseMessage>? answer = null) =>
        new(ChannelHarness.Settings(("IMAGEEXPORT_SLACK_WEBHOOK_URL", Url)), answer ?? (_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("ok"),
        }));

    [Fact]
    public async Task ItPostsFallbackTextAndMrkdwnSectionBlocks()
    {
        var harness = Harness();

        await harness.Channel("slack").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        var request = harness.SingleRequest;
        Assert.Equal(new Uri(Url), request.Uri);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("Image export completed: job job-42", json.RootElement.GetProperty("text").GetString());
        var sections = json.RootElement.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(3, sections.Count); // summary, the image, fees
        Assert.All(sections, block =>
        {
            Assert.Equal("section", block.GetProperty("type").GetString());
            Assert.Equal("mrkdwn", block.GetProperty("text").GetProperty("type").GetString());
        });
        var text = string.Join("\n", sections.Select(block => block.GetProperty("text").GetProperty("text").GetString()));
        Assert.Contains($"`{SomeNotification.SystemKey}`", text, StringComparison.Ordinal);
        Assert.Contains("|download>", text, StringComparison.Ordinal);
        Assert.Contains("link valid until 2026-03-01 10:00:00 (UTC)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamesAreEscapedTheSlackWay()
    {
        var harness = Harness();

        await harness.Channel("slack").DeliverAsync(SomeNotification.WithImageName("a<b>&c <!channel>"), CancellationToken.None);

        using var json = JsonDocument.Parse(harness.SingleRequest.Body);
        var text = string.Join("\n", json.RootElement.GetProperty("blocks").EnumerateArray()
            .Select(block => block.GetProperty("text").GetProperty("text").GetString()));
        Assert.Contains("a&lt;b&gt;&amp;c &lt;!channel&gt;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyImagesStayWithinSlacksBlockAndSectionLimits()
    {
        var harness = Harness();
        var image = SomeNotification.Completed().Images[0];
        var many = SomeNotification.Completed() with
        {
            Images = [.. Enumerable.Range(0, 80).Select(i => image with { ImageId = $"img-{i:D8}" })],
        };

        await harness.Channel("slack").DeliverAsync(many, CancellationToken.None);

        using var json = JsonDocument.Parse(harness.SingleRequest.Body);
        var blocks = json.RootElement.GetProperty("blocks").EnumerateArray().ToList();
        Assert.InRange(blocks.Count, 2, 50);
        Assert.All(blocks, block => Assert.InRange(block.GetProperty("text").GetProperty("text").GetString()!.Length, 1, 3000));
    }

    [Fact]
    public async Task TheWholeMessageStaysUnderSlacksTotalLimitAndSaysWhereTheRestIs()
    {
        // Slack refuses about 13,200 characters of blocks in all (msg_blocks_too_long) even when every block is
        // within its own limit: 80 images make 50 blocks of well under 3000 characters each.
        var harness = Harness();
        var image = SomeNotification.Completed().Images[0];
        var many = SomeNotification.Completed() with
        {
            Images = [.. Enumerable.Range(0, 80).Select(i => image with { ImageId = $"img-{i:D8}" })],
        };

        await harness.Channel("slack").DeliverAsync(many, CancellationToken.None);

        using var json = JsonDocument.Parse(harness.SingleRequest.Body);
        var texts = json.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("text").GetProperty("text").GetString()!).ToList();
        var title = json.RootElement.GetProperty("text").GetString()!;
        Assert.InRange(texts.Sum(t => t.Length) + title.Length, 1, 12_000);
        Assert.EndsWith("message cut to fit Slack's message limit; GET /exports/`job-42` lists every file.", texts[^1], StringComparison.Ordinal);
        Assert.Contains("img-00000000", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASmallMessageIsNotCut()
    {
        var harness = Harness();

        await harness.Channel("slack").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        Assert.DoesNotContain("cut to fit", harness.SingleRequest.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task ANon2xxAnswerThrows(HttpStatusCode status)
    {
        var harness = Harness(_ => RecordingHandler.Json("no_service", status));

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(
            () => harness.Channel("slack").DeliverAsync(SomeNotification.Completed(), CancellationToken.None));

        Assert.Equal((int)status, error.StatusCode);
        Assert.DoesNotContain("slacksecret", error.ToString(), StringComparison.Ordinal);
    }
}
