using System.Globalization;
using System.Text.Json;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;
using ImageExport.Core.Texts;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>Generic webhook: the facts as JSON, signed so the receiver can tell it came from this deployment.</summary>
internal sealed class WebhookChannel(
    WebhookSettings settings, HttpClient http, NotificationRenderer renderer, TimeProvider time) : INotificationChannel
{
    public string Name => "webhook";

    public async Task DeliverAsync(ExportNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var facts = renderer.Facts(notification);
        var body = JsonSerializer.SerializeToUtf8Bytes(Payload(facts), NotificationsJsonContext.Wire.WebhookPayload);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute(settings.Secret, timestamp, body);

        using var response = await HttpDelivery.PostJsonAsync(http, Name, settings.Url, body, request =>
        {
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, signature);
            request.Headers.Add(WebhookSignature.DeliveryHeader, notification.Id);
        }, cancellationToken).ConfigureAwait(false);
        await HttpDelivery.EnsureSuccessAsync(response, Name, cancellationToken).ConfigureAwait(false);
    }

    private WebhookPayload Payload(NotificationFacts facts)
    {
        var n = facts.Notification;
        return new WebhookPayload
        {
            Id = n.Id,
            JobId = n.JobId,
            Outcome = n.Outcome,
            Reason = n.Reason,
            Region = n.Region,
            Bucket = n.Bucket,
            Format = n.Format,
            StartedAt = n.StartedAt,
            FinishedAt = n.FinishedAt,
            DurationSeconds = facts.Duration?.TotalSeconds,
            TotalSize = facts.TotalBytes,
            Images = n.Images,
            Run = n.Run,
            Fees = new WebhookFees
            {
                StorageClass = facts.Pricing.StorageClass,
                Currency = facts.Pricing.Currency,
                PricePerGbMonth = facts.Pricing.PricePerGbMonth,
                MonthlyStorageCost = facts.MonthlyStorageCost,
                BytesPerGb = TextFormat.BytesPerGb,
                Notes = facts.FeeNotes,
            },
            Language = facts.Format.Language.Tag,
            Title = facts.Title,
            Markdown = renderer.Render(facts, MarkupDialect.Markdown).Body,
        };
    }
}
