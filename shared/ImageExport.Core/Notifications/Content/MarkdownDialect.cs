using System.Text;

namespace ImageExport.Core.Notifications.Content;

/// <summary>CommonMark, the dialect WeCom's and DingTalk's robots read (each a subset of it).</summary>
internal sealed class MarkdownDialect : MarkupDialect
{
    // The characters that open inline constructs mid-line (emphasis, code, links, autolinks, HTML such as WeCom's
    // <font>, entities, strikethrough, tables). Values are never placed at the start of a line, so block markers
    // such as '#', '-' and '>' at a line start need no escape.
    private const string Special = "\\`*_[]<>~|&";

    public override string Text(string raw)
    {
        var line = SingleLine(raw);
        var builder = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (Special.Contains(c))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public override string Bold(string raw) => $"**{Text(raw)}**";

    /// <summary>A code span fenced by one more backtick than the longest run inside, per CommonMark.</summary>
    public override string Code(string raw)
    {
        var line = SingleLine(raw);
        var longestRun = 0;
        var run = 0;
        foreach (var c in line)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        var fence = new string('`', longestRun + 1);
        var pad = line.StartsWith('`') || line.EndsWith('`') ? " " : "";
        return $"{fence}{pad}{line}{pad}{fence}";
    }

    public override string Link(string label, Uri url) => $"[{Text(label)}]({Destination(url)})";

    public override string Heading(string raw) => $"### {Text(raw)}";

    // Parentheses would end the link destination early; percent-encoded they mean the same to COS,
    // which decodes the path before checking the signature.
    private static string Destination(Uri url) =>
        url.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)
            .Replace(" ", "%20", StringComparison.Ordinal);
}
