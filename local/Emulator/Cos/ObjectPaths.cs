using System.Security.Cryptography;
using System.Text;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// Where an object lives on disk. Keys keep their folder structure so the state directory is browsable, but each
/// segment is escaped and the last one gets a suffix: COS allows both <c>a</c> and <c>a/b</c>, a file system does not.
/// </summary>
internal static class ObjectPaths
{
    public const string DataSuffix = "~data";
    public const string MetaSuffix = "~meta.json";

    public static string Data(string objectsRoot, string key) => For(objectsRoot, key, DataSuffix);

    public static string Meta(string objectsRoot, string key) => For(objectsRoot, key, MetaSuffix);

    private static string For(string root, string key, string suffix)
    {
        var segments = key.Split('/');
        var parts = new string[segments.Length + 1];
        parts[0] = root;
        for (var i = 0; i < segments.Length; i++)
        {
            parts[i + 1] = Escape(segments[i]);
        }

        parts[^1] += suffix;
        return Path.Combine(parts);
    }

    private static string Escape(string segment)
    {
        if (segment.Length == 0)
        {
            return "%";
        }

        var onlyDots = segment.All(c => c == '.');
        var builder = new StringBuilder(segment.Length);
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            var keep = b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && !onlyDots));
            if (keep)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }

        // File names stop at 255 bytes; COS keys may be longer. A hash keeps such segments distinct.
        return builder.Length <= 200 ? builder.ToString() : "#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(segment)));
    }
}
