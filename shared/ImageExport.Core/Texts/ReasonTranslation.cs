using System.Text.RegularExpressions;

namespace ImageExport.Core.Texts;

/// <summary>
/// Job records keep reasons in English (a record outlives a deployment's language). Every reason the code writes comes
/// from an English catalog text, so a reader's copy is found by reading the English back against those texts and
/// writing the same values into the reader's language. A reason no text produced (CVM's own message, an older
/// wording) is shown as recorded.
/// </summary>
internal static partial class ReasonTranslation
{
    // Texts are matched by a small hand-written matcher rather than Regex built at run time: the regex parser and
    // interpreter would add about a megabyte to the Native AOT binary.
    private static readonly Lazy<IReadOnlyList<(string Key, IReadOnlyList<Segment> Segments)>> Templates = new(Build);

    public static string Translate(string reason, Language language)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(language);
        if (language == Language.English || reason.Length == 0)
        {
            return reason;
        }

        // A job's reason joins its failed images' reasons: "img-aaaaaaaa: …; img-bbbbbbbb: …".
        var parts = ImageParts().Split(reason).Where(part => part.Length > 0).ToList();
        if (!parts.All(part => ImagePrefix().IsMatch(part)))
        {
            return TranslateOne(reason, language, depth: 0);
        }

        return string.Join(Catalog.Text(language, "api.fieldSeparator"), parts.Select(part =>
            Catalog.Format(language, "reason.imageFailed", ("imageId", part[..12]), ("reason", TranslateOne(part[14..], language, depth: 0)))));
    }

    private static string TranslateOne(string text, Language language, int depth)
    {
        foreach (var (key, segments) in Templates.Value)
        {
            var values = new List<(string Name, string Value)>();
            if (!Match(text, segments, 0, 0, values))
            {
                continue;
            }

            // "{problem} ({code})" only when the problem is itself one of ours; otherwise it is CVM's own wording.
            if (key == "reason.cvmRejected")
            {
                var problem = values.First(v => v.Name == "problem").Value;
                var translated = depth == 0 ? TranslateOne(problem, language, depth + 1) : problem;
                if (ReferenceEquals(translated, problem))
                {
                    continue;
                }

                values = [.. values.Select(v => v.Name == "problem" ? (v.Name, translated) : v)];
            }

            return Catalog.Format(language, key, values);
        }

        return text;
    }

    /// <summary>Matches the whole text, each placeholder taking at least one character; the shortest first, except
    /// "problem", whose code is the last parenthesis (a CVM problem may hold " (" itself).</summary>
    private static bool Match(string text, IReadOnlyList<Segment> segments, int index, int position, List<(string Name, string Value)> values)
    {
        if (index == segments.Count)
        {
            return position == text.Length;
        }

        var segment = segments[index];
        if (segment.Placeholder is null)
        {
            return position + segment.Literal.Length <= text.Length &&
                   string.CompareOrdinal(text, position, segment.Literal, 0, segment.Literal.Length) == 0 &&
                   Match(text, segments, index + 1, position + segment.Literal.Length, values);
        }

        var ends = new List<int>();
        if (index + 1 == segments.Count)
        {
            ends.Add(text.Length);
        }
        else
        {
            var next = segments[index + 1].Literal;
            for (var at = text.IndexOf(next, position + 1, StringComparison.Ordinal); at >= 0; at = text.IndexOf(next, at + 1, StringComparison.Ordinal))
            {
                ends.Add(at);
            }

            if (segment.Placeholder == "problem")
            {
                ends.Reverse();
            }
        }

        foreach (var end in ends.Where(end => end > position))
        {
            values.Add((segment.Placeholder, text[position..end]));
            if (Match(text, segments, index + 1, end, values))
            {
                return true;
            }

            values.RemoveAt(values.Count - 1);
        }

        return false;
    }

    private static IReadOnlyList<(string Key, IReadOnlyList<Segment> Segments)> Build() =>
        Catalog.Entries
            .Where(e => e.Key.StartsWith("reason.", StringComparison.Ordinal) || e.Key.StartsWith("problem.", StringComparison.Ordinal))
            .Where(e => e.Key != "reason.imageFailed")
            .Select(e => (e.Key, Segments: Split(e.En)))
            // The most specific first: more literal text means a stricter match.
            .OrderByDescending(t => t.Segments.Sum(s => s.Literal.Length))
            .Select(t => (t.Key, (IReadOnlyList<Segment>)t.Segments))
            .ToList();

    private static List<Segment> Split(string template)
    {
        var segments = new List<Segment>();
        var last = 0;
        for (var open = template.IndexOf('{', StringComparison.Ordinal); open >= 0; open = template.IndexOf('{', last))
        {
            var close = template.IndexOf('}', open);
            if (open > last)
            {
                segments.Add(new Segment(template[last..open], null));
            }

            segments.Add(new Segment("", template[(open + 1)..close]));
            last = close + 1;
        }

        if (last < template.Length)
        {
            segments.Add(new Segment(template[last..], null));
        }

        return segments;
    }

    [GeneratedRegex(@"(?:^|; )(?=img-[a-z0-9]{8}: )", RegexOptions.CultureInvariant)]
    private static partial Regex ImageParts();

    [GeneratedRegex(@"^img-[a-z0-9]{8}: ", RegexOptions.CultureInvariant)]
    private static partial Regex ImagePrefix();

    private sealed record Segment(string Literal, string? Placeholder);
}
