using System.Text.Json;

namespace ImageExport.Scf.Events;

/// <summary>
/// Reads the loosely typed maps of trigger events: a value may be a string, an array of strings, a bare flag
/// (<c>true</c>) or, from hand-written tests and proxies, a number.
/// </summary>
internal static class JsonValues
{
    public static IReadOnlyList<string> ToStrings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(ToScalar).OfType<string>().ToArray(),
        _ => ToScalar(value) is { } single ? [single] : [],
    };

    /// <summary>Finds a key ignoring case; an exact match wins over a case-insensitive one.</summary>
    public static bool TryFind(Dictionary<string, JsonElement>? map, string name, out JsonElement value)
    {
        value = default;
        if (map is null)
        {
            return false;
        }

        if (map.TryGetValue(name, out value))
        {
            return true;
        }

        foreach (var (key, candidate) in map)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }

    private static string? ToScalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        // `?flag` with no value arrives as true: present, but empty.
        JsonValueKind.True => "",
        JsonValueKind.False => null,
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
