using ImageExport.Core.Notifications.Settings;
using ImageExport.Core.Texts;

namespace ImageExport.Core.Notifications.Content;

/// <summary>
/// The one text every channel sends: a summary, a section per image, the fees, in the channel's language (from the
/// catalog) with times in UTC and the deployment's time zone. Channels differ only in markup and in how they cut a
/// message that is too long for them.
/// </summary>
internal sealed class NotificationRenderer(PricingSettings pricing, TimeProvider time, Language? language = null, TimeZoneInfo? timeZone = null)
{
    private readonly TextFormat _format = new(language ?? Language.English, timeZone);

    public Language Language => _format.Language;

    public NotificationFacts Facts(ExportNotification notification) => NotificationFacts.From(notification, pricing, _format);

    public RenderedMessage Render(ExportNotification notification, MarkupDialect markup) => Render(Facts(notification), markup);

    public RenderedMessage Render(NotificationFacts facts, MarkupDialect markup)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(markup);
        var sections = new List<string> { Summary(facts, markup) };
        if (facts.Notification.Run is { } run)
        {
            sections.Add(new RunSection(this, pricing, _format).Render(run, markup));
        }

        var now = time.GetUtcNow();
        sections.AddRange(facts.Notification.Images.Select(image => Image(image, facts.IsUnknownFile, markup, now)));
        if (facts.FileCount > 0)
        {
            sections.Add(Fees(facts, markup));
        }

        return new RenderedMessage(facts.Title, sections);
    }

    /// <summary>The markdown note that ends a message cut to a receiver's limit; it points to where the whole story is.</summary>
    public string CutNote(ExportNotification notification, string receiver, int limit)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var markup = MarkupDialect.Markdown;
        var limitText = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var note = notification.JobId is { } jobId
            ? Catalog.Format(Language, "notify.cut.job", markup.Text, ("receiver", markup.Text(receiver)), ("limit", limitText), ("jobId", markup.Code(jobId)))
            : Catalog.Format(Language, "notify.cut.bucket", markup.Text, ("receiver", markup.Text(receiver)), ("limit", limitText));
        return "\n\n" + note;
    }

    /// <summary>A plain catalog text in this channel's language.</summary>
    public string Text(string key) => _format.Text(key);

    /// <summary>A catalog text in this renderer's language with its values filled in as given.</summary>
    public string Text(string key, params (string Name, string Value)[] args) => Catalog.Format(Language, key, args);

    /// <summary>One line: the catalog text's own words escaped by <paramref name="markup"/>, the values as given.</summary>
    private string Line(MarkupDialect markup, string key, params (string Name, string Value)[] args) =>
        Catalog.Format(Language, key, markup.Text, args);

    private string Summary(NotificationFacts facts, MarkupDialect markup)
    {
        var n = facts.Notification;
        var icon = facts.IsUnknownFile ? "❔" : facts.IsFailed ? "❌" : facts.IsStalled ? "⏸️" : "✅";
        var lines = new List<string> { markup.Heading($"{icon} {facts.Title}") };

        var outcome = markup.Bold(facts.OutcomeWord);
        lines.Add(markup.Bullet(n.Reason is { Length: > 0 } reason
            ? Line(markup, "notify.line.outcomeReason", ("outcome", outcome), ("reason", markup.Text(ReasonTranslation.Translate(reason, Language))))
            : Line(markup, "notify.line.outcome", ("outcome", outcome))));
        lines.Add(markup.Bullet(n.JobId is { } jobId
            ? Line(markup, "notify.line.job", ("jobId", markup.Code(jobId)))
            : n.Run is not null ? Line(markup, "notify.line.jobNotStarted") : Line(markup, "notify.line.jobNone")));
        lines.Add(markup.Bullet(Line(markup, "notify.line.region", ("region", markup.Text(n.Region)))));
        lines.Add(markup.Bullet(Line(markup, "notify.line.bucket", ("bucket", markup.Code(n.Bucket)))));
        if (n.Format is { Length: > 0 } format)
        {
            lines.Add(markup.Bullet(Line(markup, "notify.line.format", ("format", markup.Text(format.ToUpperInvariant())))));
        }

        lines.Add(markup.Bullet(facts.Duration is { } duration
            ? Line(markup, "notify.line.took", ("duration", markup.Text(_format.Duration(duration))))
            : Line(markup, "notify.line.tookUnknown")));
        if (n.StartedAt is { } started)
        {
            lines.Add(markup.Bullet(Line(markup, "notify.line.started", ("time", markup.Text(_format.Instant(started))))));
        }

        if (n.FinishedAt is { } finished)
        {
            lines.Add(markup.Bullet(Line(markup, "notify.line.finished", ("time", markup.Text(_format.Instant(finished))))));
        }

        lines.Add(markup.Bullet(facts.FileCount == 0
            ? Line(markup, "notify.line.filesNone")
            : Line(markup, "notify.line.files",
                ("count", facts.FileCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("size", markup.Text(_format.Size(facts.TotalBytes))))));
        return string.Join('\n', lines);
    }

    private string Image(NotifiedImage image, bool unknownFile, MarkupDialect markup, DateTimeOffset now)
    {
        // A file no job knows may still name its image (<prefix>_<imageId>_system_…); without one, say what it is.
        var header = unknownFile && !image.ImageId.StartsWith("img-", StringComparison.Ordinal)
            ? markup.Bold(_format.Text("notify.image.unknownHeader"))
            : markup.Bold(_format.Text("notify.image.header", ("imageId", image.ImageId)));
        var described = new[] { image.ImageName, image.OsName }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!).ToList();
        if (described.Count > 0)
        {
            header += " " + markup.Text(_format.Described(described));
        }

        var lines = new List<string>
        {
            Line(markup, "notify.image.state", ("header", header), ("state", markup.Text(NotificationFacts.OutcomeIn(_format, image.State)))),
        };
        if (image.Reason is { Length: > 0 } reason)
        {
            lines.Add(markup.Bullet(Line(markup, "notify.image.reason", ("reason", markup.Text(ReasonTranslation.Translate(reason, Language))))));
        }

        lines.AddRange(image.Files.Select(file => markup.Bullet(File(file, markup, now))));
        if (image.Files.Count == 0)
        {
            lines.Add(markup.Bullet(Line(markup, "notify.image.noFile")));
        }

        return string.Join('\n', lines);
    }

    /// <summary>One file: key, size, link and when the link really dies (the same line for every channel, email too).</summary>
    public string File(NotifiedFile file, MarkupDialect markup, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(markup);
        var key = markup.Code(file.Key);
        var size = markup.Text(_format.Size(file.Size));
        if (file.DownloadUrl is not { } url)
        {
            return Line(markup, "notify.file.noLink", ("key", key), ("size", size));
        }

        var link = markup.Link(_format.Text("notify.file.download"), url);
        return file.DownloadUrlExpiresAt switch
        {
            null => Line(markup, "notify.file.linkUnknown", ("key", key), ("size", size), ("link", link)),
            { } expires when expires <= now =>
                Line(markup, "notify.file.linkExpired", ("key", key), ("size", size), ("link", link), ("time", markup.Text(_format.Instant(expires)))),
            { } expires =>
                Line(markup, "notify.file.linkValid", ("key", key), ("size", size), ("link", link), ("time", markup.Text(_format.Instant(expires)))),
        };
    }

    private string Fees(NotificationFacts facts, MarkupDialect markup)
    {
        var lines = new List<string> { markup.Bold(_format.Text("notify.fees.heading")) };
        lines.AddRange(facts.FeeNotes.Select(note => markup.Bullet(markup.Text(note))));
        return string.Join('\n', lines);
    }
}
