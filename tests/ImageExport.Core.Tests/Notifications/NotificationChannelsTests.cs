using ImageExport.Core.Notifications;
using Microsoft.Extensions.Time.Testing;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

public sealed class NotificationChannelsTests
{
    private static readonly (string, string)[] Everything =
    [
        ("IMAGEEXPORT_WEBHOOK_URL", "https://hooks.example.com/x"), ("IMAGEEXPORT_WEBHOOK_SECRET", "s"),
        ("IMAGEEXPORT_WECOM_WEBHOOK_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"),
        ("IMAGEEXPORT_DINGTALK_WEBHOOK_URL", "https://oapi.dingtalk.com/robot/send?access_token=t"),
        ("IMAGEEXPORT_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X"),
        ("IMAGEEXPORT_SES_FROM", "noreply@mail.example.com"), ("IMAGEEXPORT_SES_TO", "ops@example.com"), ("IMAGEEXPORT_SES_TEMPLATE_ID", "1"),
    ];

    [Fact]
    public void EachConfiguredChannelIsCreatedOnceUnderItsStableName()
    {
        var harness = new ChannelHarness(ChannelHarness.Settings(Everything));

        Assert.Equal(["webhook", "wecom", "dingtalk", "slack", "email"], harness.Channels.Select(channel => channel.Name));
    }

    [Fact]
    public void OnlyTheConfiguredChannelsAreCreated()
    {
        var harness = new ChannelHarness(ChannelHarness.Settings(("IMAGEEXPORT_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X")));

        Assert.Equal(["slack"], harness.Channels.Select(channel => channel.Name));
        Assert.Empty(new ChannelHarness(ChannelHarness.Settings()).Channels);
    }

    [Fact]
    public void EmailWithoutAnSesClientIsAConfigurationError()
    {
        Assert.Throws<ArgumentException>(() => NotificationChannels.Create(
            ChannelHarness.Settings(Everything), new HttpClient(RecordingHandler.Sequence(() => RecordingHandler.Json(ChannelHarness.RobotOk))), null, new FakeTimeProvider(), Serilog.Core.Logger.None));
    }

    [Fact]
    public async Task EveryHttpChannelDeliversOnceAndNoneRetriesAFailure()
    {
        var harness = new ChannelHarness(
            ChannelHarness.Settings(Everything), _ => RecordingHandler.Json("busy", System.Net.HttpStatusCode.ServiceUnavailable));

        foreach (var channel in harness.Channels.Where(channel => channel.Name != "email"))
        {
            await Assert.ThrowsAsync<NotificationDeliveryException>(() => channel.DeliverAsync(SomeNotification.Completed(), CancellationToken.None));
        }

        Assert.Equal(4, harness.Http.Requests.Count);
    }
}
