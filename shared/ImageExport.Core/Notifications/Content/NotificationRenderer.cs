namespace ImageExport.Core.Notifications;

/// <summary>
/// The one text every channel sends: a summary, a section per image, the fees. Channels differ only in markup
/// and in how they cut a message that is too long for them.
/// </summary>
internal sealed class NotificationRenderer(PricingSettings pricing, TimeProvider time)
{
    public NotificationFacts Facts(ExportNotification notification) => NotificationFacts.From(notification, pricing);

    public RenderedMessage Render(ExportNotification notification, MarkupDialect markup) => Render(Facts(notification), markup);

    public RenderedMessage Render(NotificationFacts facts, MarkupDialect markup)
    {
        var sections = new List<string> { Summary(facts, markup) };
        var now = time.GetUtcNow();
        sections.AddRange(facts.Notification.Images.Select(image => Image(image, facts.IsUnknownFile, markup, now)));
        if (facts.FileCount > 0)
        {
            sections.Add(Fees(facts, markup));
        }

        return new RenderedMessage(facts.Title, sections);
    }

    private static string Summary(NotificationFacts facts, MarkupDialect markup)
    {
        var n = facts.Notification;
        var icon = facts.IsUnknownFile ? "❔" : facts.IsFailed ? "❌" : facts.IsStalled ? "⚠️" : "✅";
        var lines = new List<string> { markup.Heading($"{icon} {facts.Title}") };

        var outcome = markup.Bold(n.Outcome);
        lines.Add(markup.Bullet(n.Reason is { Length: > 0 } reason ? $"Outcome: {outcome}: {markup.Text(reason)}" : $"Outcome: {outcome}"));
        lines.Add(markup.Bullet(n.JobId is { } jobId
            ? $"Job: {markup.Code(jobId)}"
            : $"Job: none: {markup.Text("an export-shaped file no job knows (exported outside ImageExport, or its job record is gone)")}"));
        lines.Add(markup.Bullet($"Region: {markup.Text(n.Region)}"));
        lines.Add(markup.Bullet($"Bucket: {markup.Code(n.Bucket)}"));
        if (n.Format is { Length: > 0 } format)
        {
            lines.Add(markup.Bullet($"Format: {markup.Text(format.ToUpperInvariant())}"));
        }

        lines.Add(markup.Bullet(ExportTook(facts, markup)));
        lines.Add(markup.Bullet(markup.Text(facts.FileCount == 0
            ? "Files: none"
            : $"Files: {facts.FileCount}, {HumanFormat.Size(facts.TotalBytes)} in total")));
        return string.Join('\n', lines);
    }

    private static string ExportTook(NotificationFacts facts, MarkupDialect markup)
    {
        var n = facts.Notification;
        if (facts.Duration is { } duration)
        {
            return markup.Text(
                $"Export took: {HumanFormat.Duration(duration)} ({HumanFormat.Utc(n.StartedAt!.Value)} to {HumanFormat.Utc(n.FinishedAt!.Value)} UTC)");
        }

        return markup.Text(n.StartedAt is { } started
            ? $"Export took: unknown (started {HumanFormat.Utc(started)} UTC)"
            : "Export took: unknown");
    }

    private static string Image(NotifiedImage image, bool unknownFile, MarkupDialect markup, DateTimeOffset now)
    {
        // A file no job knows may still name its image (<prefix>_<imageId>_system_…); without one, say what it is.
        var header = unknownFile && !image.ImageId.StartsWith("img-", StringComparison.Ordinal)
            ? markup.Bold("Files no job knows")
            : markup.Bold($"Image {image.ImageId}");
        var described = new[] { image.ImageName, image.OsName }.Where(part => !string.IsNullOrWhiteSpace(part)).ToList();
        if (described.Count > 0)
        {
            header += " " + markup.Text($"({string.Join(", ", described)})");
        }

        var lines = new List<string> { $"{header}: {markup.Text(image.State)}" };
        if (image.Reason is { Length: > 0 } reason)
        {
            lines.Add(markup.Bullet($"Reason: {markup.Text(reason)}"));
        }

        lines.AddRange(image.Files.Select(file => markup.Bullet(File(file, markup, now))));
        if (image.Files.Count == 0)
        {
            lines.Add(markup.Bullet(markup.Text("No file.")));
        }

        return string.Join('\n', lines);
    }

    private static string File(NotifiedFile file, MarkupDialect markup, DateTimeOffset now)
    {
        var line = $"{markup.Code(file.Key)}: {markup.Text(HumanFormat.Size(file.Size))}";
        if (file.DownloadUrl is not { } url)
        {
            return line + markup.Text(", no download link");
        }

        line += $", {markup.Link("download", url)}, ";
        return line + markup.Text(file.DownloadUrlExpiresAt switch
        {
            null => "link expiry unknown",
            { } expires when expires <= now => $"link expired at {HumanFormat.Utc(expires)} (UTC)",
            { } expires => $"link valid until {HumanFormat.Utc(expires)} (UTC)",
        });
    }

    private static string Fees(NotificationFacts facts, MarkupDialect markup)
    {
        var lines = new List<string> { markup.Bold("Fees (Tencent COS)") };
        lines.AddRange(facts.FeeNotes.Select(note => markup.Bullet(markup.Text(note))));
        return string.Join('\n', lines);
    }
}
