using System.Text.Json;
using Serilog;

namespace ImageExport.Core.Notifications;

/// <summary>Slack incoming webhook: a mrkdwn section block per part of the message, the title as fallback text.</summary>
internal sealed class SlackChannel(SlackSettings settings, HttpClient http, NotificationRenderer renderer, ILogger logger)
    : INotificationChannel
{
    // Slack's Block Kit limits: 50 blocks a message, 3000 characters a section text.
    private const int MaxBlocks = 50;
    private const int MaxSectionChars = 3000;

    public string Name => "slack";

    public async Task DeliverAsync(ExportNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var message = renderer.Render(notification, MarkupDialect.Slack);
        var json = JsonSerializer.SerializeToUtf8Bytes(Compose(message, "\n" + renderer.Text("notify.cut.section")), NotificationsJsonContext.Wire.SlackMessage);

        using var response = await HttpDelivery.PostJsonAsync(http, Name, settings.WebhookUrl, json, null, cancellationToken).ConfigureAwait(false);
        await HttpDelivery.EnsureSuccessAsync(response, Name, cancellationToken).ConfigureAwait(false);

        logger.Information("Notification {NotificationId} for job {JobId} delivered through {Channel}", notification.Id, notification.JobId, Name);
    }

    internal static SlackMessage Compose(RenderedMessage message, string cut)
    {
        var sections = message.Sections.ToList();
        if (sections.Count > MaxBlocks)
        {
            // Many images: the last block carries the rest, cut to size like any other.
            var rest = string.Join("\n\n", sections.Skip(MaxBlocks - 1));
            sections = [.. sections.Take(MaxBlocks - 1), rest];
        }

        var blocks = sections
            .Select(section => new SlackBlock("section", new SlackText("mrkdwn", Truncation.ToChars(section, MaxSectionChars, cut))))
            .ToList();

        return new SlackMessage(MarkupDialect.Slack.Text(message.Title), blocks);
    }
}
