namespace ImageExport.Core.Notifications.Content;

/// <summary>No markup: the email template's variables, where the template decides the look.</summary>
internal sealed class PlainTextDialect : MarkupDialect
{
    public override string Text(string raw) => SingleLine(raw);

    public override string Bold(string raw) => SingleLine(raw);

    public override string Code(string raw) => SingleLine(raw);

    public override string Link(string label, Uri url) => $"{SingleLine(label)}: {url.AbsoluteUri}";

    public override string Heading(string raw) => SingleLine(raw);
}
