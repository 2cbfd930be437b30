using System.Text.Json;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>DingTalk custom robot: a markdown message, signed when the robot has a secret.</summary>
internal sealed class DingTalkChannel(
    DingTalkSettings settings, HttpClient http, NotificationRenderer renderer, TimeProvider time) : INotificationChannel
{
    // DingTalk documents no size limit for markdown messages we could find; this bound is a guess kept well
    // above any real export (a few images, a few disks) so a pathological job cannot be refused forever.
    public const int MaxTextBytes = 20_000;

    public string Name => "dingtalk";

    public async Task DeliverAsync(ExportNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var message = renderer.Render(notification, MarkupDialect.Markdown);
        var text = Truncation.ToUtf8Bytes(message.Body, MaxTextBytes, renderer.CutNote(notification, "DingTalk", MaxTextBytes));
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new DingTalkMessage(new DingTalkMarkdown(message.Title, text)), NotificationsJsonContext.Wire.DingTalkMessage);

        var url = settings.Secret is { } secret
            ? DingTalkSignature.Sign(settings.WebhookUrl, secret, time.GetUtcNow().ToUnixTimeMilliseconds())
            : settings.WebhookUrl;

        using var response = await HttpDelivery.PostJsonAsync(http, Name, url, json, null, cancellationToken).ConfigureAwait(false);
        await RobotReplies.EnsureAcceptedAsync(response, Name, cancellationToken).ConfigureAwait(false);
    }
}
