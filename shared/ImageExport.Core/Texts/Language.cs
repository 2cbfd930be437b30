namespace ImageExport.Core.Texts;

/// <summary>
/// A language people read ImageExport's texts in: English, Simplified Chinese or Korean. Problem codes, JSON field
/// names and log lines stay English whatever is chosen.
/// </summary>
public sealed class Language
{
    private Language(string tag, int index)
    {
        Tag = tag;
        Index = index;
    }

    public static Language English { get; } = new("en", 0);

    public static Language SimplifiedChinese { get; } = new("zh-CN", 1);

    public static Language Korean { get; } = new("ko-KR", 2);

    public static IReadOnlyList<Language> All { get; } = [English, SimplifiedChinese, Korean];

    /// <summary>The tag configuration names it by and the HTTP API answers with: <c>en</c>, <c>zh-CN</c>, <c>ko-KR</c>.</summary>
    public string Tag { get; }

    internal int Index { get; }

    /// <summary>One of the three tags (any case), or null: a setting names exactly what it means.</summary>
    public static Language? FromTag(string? tag) =>
        All.FirstOrDefault(language => string.Equals(language.Tag, tag?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The first of the three that an <c>Accept-Language</c> header names, by preference (q) and then order; null when it
    /// names none. <c>zh</c>, <c>zh-Hans</c> and mainland-script regions mean Simplified Chinese; <c>zh-TW</c>, <c>zh-HK</c>,
    /// <c>zh-MO</c> and <c>zh-Hant</c> ask for Traditional Chinese, which is not offered, so they are passed over.
    /// </summary>
    public static Language? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var ranges = new List<(string Range, double Quality, int Order)>();
        var order = 0;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                    !double.TryParse(parameter.AsSpan(2), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out quality))
                {
                    quality = 0;
                }
            }

            if (quality > 0)
            {
                ranges.Add((pieces[0].ToLowerInvariant(), quality, order++));
            }
        }

        return ranges.OrderByDescending(r => r.Quality).ThenBy(r => r.Order).Select(r => Match(r.Range)).FirstOrDefault(l => l is not null);
    }

    public override string ToString() => Tag;

    private static Language? Match(string range)
    {
        var subtags = range.Split('-');
        return subtags[0] switch
        {
            "en" => English,
            "ko" => Korean,
            "zh" when subtags.Length == 1 => SimplifiedChinese,
            "zh" when subtags[1] is "hant" or "tw" or "hk" or "mo" => null,
            "zh" => SimplifiedChinese,
            _ => null,
        };
    }
}
