namespace ImageExport.Core.Notifications.Content;

/// <summary>A rendered notification: a plain title and marked-up sections (summary, one per image, fees).</summary>
internal sealed record RenderedMessage(string Title, IReadOnlyList<string> Sections)
{
    public string Body => string.Join("\n\n", Sections);
}
