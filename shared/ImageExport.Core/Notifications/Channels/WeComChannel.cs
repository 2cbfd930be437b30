using System.Text.Json;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>WeCom group robot: one markdown message of at most 4096 UTF-8 bytes.</summary>
internal sealed class WeComChannel(WeComSettings settings, HttpClient http, NotificationRenderer renderer)
    : INotificationChannel
{
    public const int MaxContentBytes = 4096;

    public string Name => "wecom";

    public async Task DeliverAsync(ExportNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = renderer.Render(notification, MarkupDialect.Markdown).Body;
        var content = Truncation.ToUtf8Bytes(body, MaxContentBytes, renderer.CutNote(notification, "WeCom", MaxContentBytes));
        var json = JsonSerializer.SerializeToUtf8Bytes(new WeComMessage(new WeComMarkdown(content)), NotificationsJsonContext.Wire.WeComMessage);

        using var response = await HttpDelivery.PostJsonAsync(http, Name, settings.WebhookUrl, json, null, cancellationToken).ConfigureAwait(false);
        await RobotReplies.EnsureAcceptedAsync(response, Name, cancellationToken).ConfigureAwait(false);
    }
}
