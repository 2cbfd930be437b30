using System.Globalization;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>A single <c>Range: bytes=…</c>; several ranges or a malformed header are ignored, as S3-style services do.</summary>
internal static class RangeHeader
{
    /// <returns>
    /// False when there is no usable Range header (serve everything). True with a range, or true with <c>null</c> when
    /// the range lies outside the object (416).
    /// </returns>
    public static bool TryParse(string header, long size, out (long Start, long Length)? range)
    {
        range = null;
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(','))
        {
            return false;
        }

        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return false;
        }

        var first = spec[..dash];
        var last = spec[(dash + 1)..];
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return false;
            }

            if (suffix > 0 && size > 0)
            {
                var length = Math.Min(suffix, size);
                range = (size - length, length);
            }

            return true;
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return false;
        }

        var end = size - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return false;
            }
        }

        if (start < size)
        {
            range = (start, Math.Min(end, size - 1) - start + 1);
        }

        return true;
    }
}
