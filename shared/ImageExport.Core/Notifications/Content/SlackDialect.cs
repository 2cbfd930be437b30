namespace ImageExport.Core.Notifications.Content;

/// <summary>Slack <c>mrkdwn</c>: only &amp;, &lt; and &gt; are escaped (as entities); Slack has no backslash escape.</summary>
internal sealed class SlackDialect : MarkupDialect
{
    public override string Text(string raw) => Escape(SingleLine(raw));

    public override string Bold(string raw) => $"*{Text(raw)}*";

    public override string Code(string raw)
    {
        // A backtick cannot be escaped inside a Slack code span, so such a value stays plain (still escaped).
        var line = SingleLine(raw);
        return line.Contains('`') ? Text(line) : $"`{Escape(line)}`";
    }

    public override string Link(string label, Uri url)
    {
        // '|' separates URL from label and '>' closes the link; presigned URLs have neither, but a key might.
        var target = url.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
        return $"<{target}|{Text(label)}>";
    }

    public override string Heading(string raw) => Bold(raw);

    public override string Bullet(string formatted) => "• " + formatted;

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}
