using System.Text.Json;
using ImageExport.TencentCloud.Ses;
using Serilog;

namespace ImageExport.Core.Notifications;

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

        logger.Information(
            "Notification {NotificationId} for job {JobId} delivered through {Channel} (SES message {MessageId}, request {RequestId})",
            notification.Id, notification.JobId, Name, response.MessageId, response.RequestId);
    }

    private EmailTemplateData TemplateData(NotificationFacts facts)
    {
        var n = facts.Notification;
        var plain = MarkupDialect.PlainText;
        var now = time.GetUtcNow();
        return new EmailTemplateData
        {
            Title = facts.Title,
            Outcome = n.Outcome,
            Reason = n.Reason ?? "",
            JobId = n.JobId ?? "none (an export-shaped file no job knows)",
            Region = n.Region,
            Bucket = n.Bucket,
            Format = n.Format?.ToUpperInvariant() ?? "",
            Duration = facts.Duration is { } duration ? HumanFormat.Duration(duration) : "unknown",
            StartedAt = n.StartedAt is { } started ? HumanFormat.Utc(started) + " (UTC)" : "",
            FinishedAt = n.FinishedAt is { } finished ? HumanFormat.Utc(finished) + " (UTC)" : "",
            Images = string.Join('\n', n.Images.Select(image => ImageLine(image))),
            Files = string.Join('\n', n.Images.SelectMany(image => image.Files).Select(file => FileLine(file, now))),
            TotalSize = HumanFormat.Size(facts.TotalBytes),
            LinksValidUntil = facts.EarliestLinkExpiry is { } expiry ? HumanFormat.Utc(expiry) + " (UTC)" : "",
            StorageClass = facts.Pricing.StorageClass,
            MonthlyStorageCost = facts.MonthlyStorageCost is { } cost ? $"{HumanFormat.Money(cost)} {facts.Pricing.Currency}" : "",
            FeeNotes = string.Join('\n', facts.FeeNotes),
            Text = renderer.Render(facts, plain).Body,
        };
    }

    private static string ImageLine(NotifiedImage image)
    {
        var described = new[] { image.ImageName, image.OsName }.Where(part => !string.IsNullOrWhiteSpace(part));
        var line = $"{image.ImageId} ({string.Join(", ", described)}): {image.State}";
        return image.Reason is { Length: > 0 } reason ? $"{line}: {reason}" : line;
    }

    private static string FileLine(NotifiedFile file, DateTimeOffset now)
    {
        var line = $"{file.Key}: {HumanFormat.Size(file.Size)}";
        if (file.DownloadUrl is not { } url)
        {
            return line;
        }

        return file.DownloadUrlExpiresAt switch
        {
            null => $"{line}, download {url.AbsoluteUri} (link expiry unknown)",
            { } expires when expires <= now => $"{line}, link expired at {HumanFormat.Utc(expires)} (UTC)",
            { } expires => $"{line}, download {url.AbsoluteUri} (link valid until {HumanFormat.Utc(expires)} (UTC))",
        };
    }
}
