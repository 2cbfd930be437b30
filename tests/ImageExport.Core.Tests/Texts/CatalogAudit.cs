using System.Text.RegularExpressions;
using ImageExport.Core.Texts;

namespace ImageExport.Core.Tests.Texts;

/// <summary>What is wrong with a set of catalog entries: the rules every text in every language must keep.</summary>
internal static partial class CatalogAudit
{
    public static IReadOnlyList<string> Findings(IEnumerable<CatalogEntry> entries)
    {
        var findings = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!seen.Add(entry.Key))
            {
                findings.Add($"{entry.Key}: the key appears twice");
            }

            var english = Catalog.Placeholders(entry.En);
            foreach (var language in Language.All)
            {
                var text = entry.In(language);
                if (string.IsNullOrWhiteSpace(text))
                {
                    findings.Add($"{entry.Key}: no {language.Tag} text");
                    continue;
                }

                if (!Balanced(text))
                {
                    findings.Add($"{entry.Key} [{language.Tag}]: a brace is not closed or not escaped ({{{{ and }}}} for literal braces)");
                }

                var placeholders = Catalog.Placeholders(text);
                if (!placeholders.SetEquals(english))
                {
                    findings.Add($"{entry.Key} [{language.Tag}]: placeholders {{{string.Join("}, {", placeholders.Order())}}} differ from English {{{string.Join("}, {", english.Order())}}}");
                }
            }

            // A text with English words must be written in Chinese and Korean too, not copied over.
            if (HasWords(entry.En))
            {
                if (!Han().IsMatch(entry.ZhCn))
                {
                    findings.Add($"{entry.Key} [zh-CN]: no Chinese in '{entry.ZhCn}'");
                }

                if (!Hangul().IsMatch(entry.KoKr))
                {
                    findings.Add($"{entry.Key} [ko-KR]: no Korean in '{entry.KoKr}'");
                }
            }
        }

        return findings;
    }

    // Words to translate: lowercase words of three or more letters outside placeholders (UTC, GiB, COS stay as they are).
    private static bool HasWords(string english) => Words().IsMatch(Placeholder().Replace(english, " "));

    private static bool Balanced(string text)
    {
        var stripped = text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal);
        return !Placeholder().Replace(stripped, "").Any(c => c is '{' or '}');
    }

    [GeneratedRegex(@"\{[^{}]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b[a-z]{3,}\b")]
    private static partial Regex Words();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"\p{IsHangulSyllables}")]
    private static partial Regex Hangul();
}
