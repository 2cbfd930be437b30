using System.Text.Json.Serialization;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>The generic webhook's body: the notification's facts plus totals and fees (documented in docs/notifications.md).</summary>
internal sealed record WebhookPayload
{
    public required string Id { get; init; }
    public required string? JobId { get; init; }
    public required string Outcome { get; init; }
    public required string? Reason { get; init; }
    public required string Region { get; init; }
    public required string Bucket { get; init; }
    public required string? Format { get; init; }
    public required DateTimeOffset? StartedAt { get; init; }
    public required DateTimeOffset? FinishedAt { get; init; }
    public required double? DurationSeconds { get; init; }
    public required long TotalSize { get; init; }
    public required IReadOnlyList<NotifiedImage> Images { get; init; }
    public required WebhookFees Fees { get; init; }
    /// <summary>Only for a schedule's run: what it started, refused and deleted (absent otherwise).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NotifiedRun? Run { get; init; }
    /// <summary>The language <see cref="Markdown"/>, the fee notes and the title are written in: <c>en</c>, <c>zh-CN</c> or <c>ko-KR</c>.</summary>
    public required string Language { get; init; }
    /// <summary>The plain-text title, in <see cref="Language"/>.</summary>
    public required string Title { get; init; }
    /// <summary>The same text the chat channels get, as CommonMark, for receivers that only forward.</summary>
    public required string Markdown { get; init; }
}

internal sealed record WebhookFees
{
    public required string StorageClass { get; init; }
    public required string Currency { get; init; }
    public required decimal? PricePerGbMonth { get; init; }
    public required decimal? MonthlyStorageCost { get; init; }
    /// <summary>Bytes in the GB the price and cost are counted in.</summary>
    public required long BytesPerGb { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
}

/// <summary>WeCom group robot, <c>msgtype</c> markdown.</summary>
internal sealed record WeComMessage([property: JsonPropertyName("markdown")] WeComMarkdown Markdown)
{
    [JsonPropertyName("msgtype")]
    public string MessageType => "markdown";
}

internal sealed record WeComMarkdown([property: JsonPropertyName("content")] string Content);

/// <summary>DingTalk custom robot, <c>msgtype</c> markdown.</summary>
internal sealed record DingTalkMessage([property: JsonPropertyName("markdown")] DingTalkMarkdown Markdown)
{
    [JsonPropertyName("msgtype")]
    public string MessageType => "markdown";
}

internal sealed record DingTalkMarkdown(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text);

/// <summary>WeCom and DingTalk answer HTTP 200 with <c>{"errcode":0,"errmsg":"ok"}</c>; any other errcode is a refusal.</summary>
internal sealed record RobotReply(
    [property: JsonPropertyName("errcode")] long? ErrorCode,
    [property: JsonPropertyName("errmsg")] string? ErrorMessage);

/// <summary>Slack incoming webhook: <c>text</c> is the notification fallback, <c>blocks</c> the message.</summary>
internal sealed record SlackMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<SlackBlock> Blocks);

internal sealed record SlackBlock(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] SlackText Text);

internal sealed record SlackText(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text);

/// <summary>
/// SES template variables (<c>{{name}}</c> in the template): flat strings, documented in docs/notifications.md.
/// </summary>
internal sealed record EmailTemplateData
{
    public required string Title { get; init; }
    public required string Outcome { get; init; }
    public required string Reason { get; init; }
    public required string JobId { get; init; }
    public required string Region { get; init; }
    public required string Bucket { get; init; }
    public required string Format { get; init; }
    public required string Duration { get; init; }
    public required string StartedAt { get; init; }
    public required string FinishedAt { get; init; }
    public required string Images { get; init; }
    public required string Files { get; init; }
    public required string TotalSize { get; init; }
    public required string LinksValidUntil { get; init; }
    public required string StorageClass { get; init; }
    public required string MonthlyStorageCost { get; init; }
    public required string FeeNotes { get; init; }
    /// <summary>The language the texts are written in: <c>en</c>, <c>zh-CN</c> or <c>ko-KR</c>.</summary>
    public required string Language { get; init; }
    /// <summary>The whole message as plain text, for a template that is just <c>{{text}}</c>.</summary>
    public required string Text { get; init; }
}
