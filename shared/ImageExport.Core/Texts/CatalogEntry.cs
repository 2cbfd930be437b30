namespace ImageExport.Core.Texts;

/// <summary>
/// One human text in every language, side by side so a reviewer sees them together. Placeholders are
/// <c>{name}</c>; <c>{{</c> and <c>}}</c> are literal braces. Each language is written for its readers, not word for word.
/// </summary>
internal sealed record CatalogEntry(string Key, string En, string ZhCn, string KoKr)
{
    public string In(Language language) => language.Index switch
    {
        1 => ZhCn,
        2 => KoKr,
        _ => En,
    };
}
