namespace ImageExport.Core.Texts;

/// <summary>
/// A catalog text with its values, not yet put into a language: made where the facts are known (a rule, a parser),
/// read where the reader is known (the HTTP answer, a channel).
/// </summary>
internal sealed record LocalText(string Key, IReadOnlyList<(string Name, string Value)> Args)
{
    public static LocalText Of(string key, params (string Name, string Value)[] args) => new(key, args);

    public string In(Language language) => Catalog.Format(language, Key, Args);

    /// <summary>English: what is stored in job records and logged, whoever asked.</summary>
    public override string ToString() => In(Language.English);
}
