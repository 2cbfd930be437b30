using System.Text.Json;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>Slack incoming webhook: a mrkdwn section block per part of the message, the title as fallback text.</summary>
internal sealed class SlackChannel(SlackSettings settings, HttpClient http, NotificationRenderer renderer)
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
        var messageCut = "\n" + (notification.JobId is { } jobId
            ? renderer.Text("notify.cut.slackJob", ("jobId", MarkupDialect.Slack.Code(jobId)))
            : renderer.Text("notify.cut.slackBucket"));
        var json = JsonSerializer.SerializeToUtf8Bytes(Compose(message, messageCut, "\n" + renderer.Text("notify.cut.section")), NotificationsJsonContext.Wire.SlackMessage);

        using var response = await HttpDelivery.PostJsonAsync(http, Name, settings.WebhookUrl, json, null, cancellationToken).ConfigureAwait(false);
        await HttpDelivery.EnsureSuccessAsync(response, Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The blocks, each within Slack's limits; <paramref name="messageCut"/> and <paramref name="sectionCut"/> end a cut text.</summary>
    internal static SlackMessage Compose(RenderedMessage message, string messageCut, string sectionCut)
    {
        var title = MarkupDialect.Slack.Text(message.Title);
        var sections = message.Sections.ToList();

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
