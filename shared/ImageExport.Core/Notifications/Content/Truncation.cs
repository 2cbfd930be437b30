using System.Text;

namespace ImageExport.Core.Notifications.Content;

/// <summary>Cuts a message to a receiver's size limit without splitting a character, and says that it did.</summary>
internal static class Truncation
{
    public static string ToUtf8Bytes(string text, int maxBytes, string note) =>
        Fit(text, maxBytes, note, static s => Encoding.UTF8.GetByteCount(s), static rune => rune.Utf8SequenceLength);

    public static string ToChars(string text, int maxChars, string note) =>
        Fit(text, maxChars, note, static s => s.Length, static rune => rune.Utf16SequenceLength);

    private static string Fit(string text, int max, string note, Func<string, int> measure, Func<Rune, int> runeSize)
    {
        if (measure(text) <= max)
        {
            return text;
        }

        var budget = max - measure(note);
        if (budget <= 0)
        {
            throw new ArgumentException("The truncation note does not fit the limit.", nameof(note));
        }

        // Walk whole code points (a rune is never split, so neither is a surrogate pair or a UTF-8 sequence).
        var used = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var size = runeSize(rune);
            if (used + size > budget)
            {
                break;
            }

            used += size;
            end += rune.Utf16SequenceLength;
        }

        // Every markup construct is on one line, so cutting at a line end keeps the kept part well formed.
        var lineEnd = text.LastIndexOf('\n', Math.Max(end - 1, 0));
        if (lineEnd > end / 2)
        {
            end = lineEnd;
        }

        return string.Concat(text.AsSpan(0, end).TrimEnd(), note);
    }
}
