using System.Text.Json;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;
using ImageExport.Core.Texts;
using ImageExport.TencentCloud.Ses;
using Serilog;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>Email through SES <c>SendEmail</c>: an approved template filled with the facts as flat string variables.</summary>
internal sealed class EmailChannel(EmailSettings settings, ISesApi ses, NotificationRenderer renderer, TimeProvider time, ILogger logger)
    : INotificationChannel
{
    // SES TriggerType 1: a transactional (triggered) email rather than a batch one.
    private const ulong Transactional = 1;

    public string Name => "email";

    public async Task DeliverAsync(ExportNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var facts = renderer.Facts(notification);
        var data = JsonSerializer.Serialize(TemplateData(facts), NotificationsJsonContext.Wire.EmailTemplateData);
        var request = new SendEmailRequest
        {
            FromEmailAddress = settings.From,
            Destination = settings.To,
            Subject = facts.Title,
            Template = new SesTemplate(settings.TemplateId, data),
            TriggerType = Transactional,
        };

        SendEmailResponse response;
        try
        {
            response = await ses.SendEmailAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not NotificationDeliveryException)
        {
            throw new NotificationDeliveryException(Name, $"SES SendEmail failed: {e.Message}", e);
        }

        // The delivery itself is logged by the caller; SES's own IDs are what only this channel knows.
        logger.Information("SES accepted notification {NotificationId} as message {MessageId} (request {RequestId})",
            notification.Id, response.MessageId, response.RequestId);
    }

    private EmailTemplateData TemplateData(NotificationFacts facts)
    {
        var n = facts.Notification;
        var format = facts.Format;
        var plain = MarkupDialect.PlainText;
        var now = time.GetUtcNow();
        return new EmailTemplateData
        {
            Title = facts.Title,
            Outcome = facts.OutcomeWord,
            Reason = n.Reason is { } reason ? ReasonTranslation.Translate(reason, format.Language) : "",
            JobId = n.JobId ?? format.Text("notify.email.jobNone"),
            Region = n.Region,
            Bucket = n.Bucket,
            Format = n.Format?.ToUpperInvariant() ?? "",
            Duration = facts.Duration is { } duration ? format.Duration(duration) : format.Text("notify.email.unknown"),
            StartedAt = n.StartedAt is { } started ? format.Instant(started) : "",
            FinishedAt = n.FinishedAt is { } finished ? format.Instant(finished) : "",
            Images = string.Join('\n', n.Images.Select(image => ImageLine(format, image))),
            Files = string.Join('\n', n.Images.SelectMany(image => image.Files).Select(file => renderer.File(file, plain, now))),
            TotalSize = format.Size(facts.TotalBytes),
            LinksValidUntil = facts.EarliestLinkExpiry is { } expiry ? format.Instant(expiry) : "",
            StorageClass = facts.Pricing.StorageClass,
            MonthlyStorageCost = facts.MonthlyStorageCost is { } cost ? $"{format.Money(cost)} {facts.Pricing.Currency}" : "",
            FeeNotes = string.Join('\n', facts.FeeNotes),
            Language = format.Language.Tag,
            Text = renderer.Render(facts, plain).Body,
        };
    }

    private static string ImageLine(TextFormat format, NotifiedImage image)
    {
        var described = new[] { image.ImageName, image.OsName }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!).ToList();
        var header = described.Count > 0 ? $"{image.ImageId} {format.Described(described)}" : image.ImageId;
        var state = NotificationFacts.OutcomeIn(format, image.State);
        var line = format.Text("notify.image.state", ("header", header), ("state", state));
        return image.Reason is { Length: > 0 } reason ? $"{line}: {ReasonTranslation.Translate(reason, format.Language)}" : line;
    }
}
