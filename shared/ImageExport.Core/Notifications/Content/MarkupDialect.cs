namespace ImageExport.Core.Notifications.Content;

/// <summary>
/// How one kind of receiver marks text up. Every value that comes from outside (names, keys, reasons) goes through
/// <see cref="Text"/> or <see cref="Code"/>, so a name like <c>a_b*c</c> cannot turn into formatting.
/// </summary>
internal abstract class MarkupDialect
{
    /// <summary>WeCom and DingTalk markdown.</summary>
    public static MarkupDialect Markdown { get; } = new MarkdownDialect();

    public static MarkupDialect Slack { get; } = new SlackDialect();

    public static MarkupDialect PlainText { get; } = new PlainTextDialect();

    public abstract string Text(string raw);

    public abstract string Bold(string raw);

    /// <summary>Literal text such as an object key, shown verbatim.</summary>
    public abstract string Code(string raw);

    public abstract string Link(string label, Uri url);

    public abstract string Heading(string raw);

    public virtual string Bullet(string formatted) => "- " + formatted;

    /// <summary>Messages are built line by line; a line break inside a value would start a new markdown block.</summary>
    protected static string SingleLine(string raw)
    {
        if (!raw.Any(char.IsControl))
        {
            return raw;
        }

        return string.Create(raw.Length, raw, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
