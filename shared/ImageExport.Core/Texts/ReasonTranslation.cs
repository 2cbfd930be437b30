using System.Text;
using System.Text.RegularExpressions;

namespace ImageExport.Core.Texts;

/// <summary>
/// Job records keep reasons in English (a record outlives a deployment's language). Every reason the code writes comes
/// from an English catalog text, so a reader's copy is found by reading the English back against those texts and
/// writing the same values into the reader's language. A reason no text produced (CVM's own message, an older
/// wording) is shown as recorded.
/// </summary>
internal static class ReasonTranslation
{
    private static readonly Lazy<IReadOnlyList<(string Key, Regex Pattern)>> Patterns = new(Build);

    // A job's reason joins its failed images' reasons: "img-aaaaaaaa: …; img-bbbbbbbb: …".
    private static readonly Regex ImageParts = new(@"(?:^|; )(?=img-[a-z0-9]{8}: )", RegexOptions.CultureInvariant);

    private static readonly Regex ImagePrefix = new(@"^img-[a-z0-9]{8}: ", RegexOptions.CultureInvariant);

    public static string Translate(string reason, Language language)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(language);
        if (language == Language.English || reason.Length == 0)
        {
            return reason;
        }

        return TranslateJobReason(reason, language);
    }

    private static string TranslateJobReason(string reason, Language language)
    {
        var parts = ImageParts.Split(reason).Where(part => part.Length > 0).ToList();
        if (parts.Count == 0 || !parts.All(part => ImagePrefix.IsMatch(part)))
        {
            return TranslateOne(reason, language, depth: 0);
        }

        var separator = Catalog.Text(language, "api.fieldSeparator");
        return string.Join(separator, parts.Select(part =>
        {
            var imageId = part[..12];
            return Catalog.Format(language, "reason.imageFailed", ("imageId", imageId), ("reason", TranslateOne(part[14..], language, depth: 0)));
        }));
    }

    private static string TranslateOne(string text, Language language, int depth)
    {
        foreach (var (key, pattern) in Patterns.Value)
        {
            var match = pattern.Match(text);
            if (!match.Success)
            {
                continue;
            }

            var args = Catalog.Placeholders(Catalog.Text(Language.English, key))
                .Select(name => (Name: name, Value: match.Groups[name].Value))
                .ToList();
            // "{problem} ({code})" only when the problem is itself one of ours; otherwise it is CVM's own wording.
            if (key == "reason.cvmRejected")
            {
                var problem = args.First(a => a.Name == "problem").Value;
                var translated = depth == 0 ? TranslateOne(problem, language, depth + 1) : problem;
                if (ReferenceEquals(translated, problem))
                {
                    continue;
                }

                args = [.. args.Select(a => a.Name == "problem" ? (a.Name, translated) : a)];
            }

            return Catalog.Format(language, key, args);
        }

        return text;
    }

    private static IReadOnlyList<(string Key, Regex Pattern)> Build() =>
        Catalog.Entries
            .Where(e => e.Key.StartsWith("reason.", StringComparison.Ordinal) || e.Key.StartsWith("problem.", StringComparison.Ordinal))
            .Where(e => e.Key != "reason.imageFailed")
            // The most specific first: more literal text means a stricter pattern.
            .OrderByDescending(e => LiteralLength(e.En))
            .Select(e => (e.Key, Pattern(e.En)))
            .ToList();

    private static int LiteralLength(string template) => Regex.Replace(template, @"\{[^{}]+\}", "").Length;

    private static Regex Pattern(string template)
    {
        var pattern = new StringBuilder("^");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var last = 0;
        foreach (Match placeholder in Regex.Matches(template, @"\{([^{}]+)\}"))
        {
            pattern.Append(Regex.Escape(template[last..placeholder.Index]));
            var name = placeholder.Groups[1].Value;
            // A CVM problem may hold " (" itself: its code is the last parenthesis, so "problem" takes all it can.
            var capture = name == "problem" ? ".+" : ".+?";
            pattern.Append(seen.Add(name) ? $"(?<{name}>{capture})" : $"\\k<{name}>");
            last = placeholder.Index + placeholder.Length;
        }

        pattern.Append(Regex.Escape(template[last..])).Append('$');
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
