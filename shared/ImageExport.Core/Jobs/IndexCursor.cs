using System.Text;

namespace ImageExport.Core.Jobs;

/// <summary>
/// The cursor of <c>GET /exports</c> and <c>GET /exports?schedule=</c>: the last index key a page looked at,
/// base64url-encoded without padding; opaque to clients. Both listings have always made it this way, so a cursor a
/// client holds across a deploy still decodes; only the prefix it must lie under tells the listings apart.
/// </summary>
internal static class IndexCursor
{
    public static string Encode(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The key the cursor holds; null when it was not made by the listing under <paramref name="prefix"/>.</summary>
    public static string? Decode(string cursor, string prefix)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return key.StartsWith(prefix, StringComparison.Ordinal) && !key.Contains("..", StringComparison.Ordinal) ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
