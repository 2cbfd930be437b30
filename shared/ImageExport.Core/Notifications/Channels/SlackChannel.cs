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

    // Slack also refuses a message whose blocks hold about 13,200 characters in all (msg_blocks_too_long), far below
    // 50 × 3000 and documented nowhere: reported in slackapi/bolt-js#2509, where Slack's maintainers put the budget at
    // "12,000 text characters with a buffer for block containers" (bolt-js#2867). So the whole message is capped too.
    internal const int MaxMessageChars = 12_000;

    // Left free by every block before the last, so the note that says the message was cut always fits.
    private const int NoteReserve = 200;

    public string Name => "slack";

    public async Task DeliverAsync(ExportNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var message = renderer.Render(notification, MarkupDialect.Slack);
        var json = JsonSerializer.SerializeToUtf8Bytes(Compose(message, notification.JobId), NotificationsJsonContext.Wire.SlackMessage);

        using var response = await HttpDelivery.PostJsonAsync(http, Name, settings.WebhookUrl, json, null, cancellationToken).ConfigureAwait(false);
        await HttpDelivery.EnsureSuccessAsync(response, Name, cancellationToken).ConfigureAwait(false);

        logger.Information("Notification {NotificationId} for job {JobId} delivered through {Channel}", notification.Id, notification.JobId, Name);
    }

    internal static SlackMessage Compose(RenderedMessage message, string? jobId)
    {
        var title = MarkupDialect.Slack.Text(message.Title);
        var sections = message.Sections.ToList();
        var where = jobId is null ? "the bucket lists every file" : $"GET /exports/{MarkupDialect.Slack.Code(jobId)} lists every file";
        var messageCut = $"\n… message cut to fit Slack's message limit; {where}.";
        const string sectionCut = "\n… cut to fit Slack's section limit.";

        var budget = MaxMessageChars - title.Length;
        var blocks = new List<SlackBlock>();
        for (var i = 0; i < sections.Count; i++)
        {
            var last = i == sections.Count - 1;
            var text = Truncation.ToChars(sections[i], MaxSectionChars, sectionCut);
            if (blocks.Count < MaxBlocks - 1 && text.Length <= budget - (last ? 0 : NoteReserve))
            {
                blocks.Add(Section(text));
                budget -= text.Length;
                continue;
            }

            // Out of blocks or out of characters: this block carries the rest, cut to what is left.
            var rest = string.Join("\n\n", sections.Skip(i));
            blocks.Add(Section(Truncation.ToChars(rest, Math.Min(MaxSectionChars, budget), rest.Length > budget ? messageCut : sectionCut)));
            break;
        }

        return new SlackMessage(title, blocks);
    }

    private static SlackBlock Section(string text) => new("section", new SlackText("mrkdwn", text));
}
