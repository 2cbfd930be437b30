using System.Text.Json;

namespace ImageExport.Core.Rules;

/// <summary>
/// Optional fields of a JSON document a user writes (an export request, a schedule): absent or null reads as absent;
/// a value of another kind reads as absent too and adds the caller's error, so each parser words its own.
/// </summary>
internal static class JsonFields
{
    public static string? OptionalString<TError>(JsonElement parent, string name, List<TError> errors, Func<TError> wrongKind)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add(wrongKind());
        return null;
    }

    public static bool OptionalBool<TError>(JsonElement parent, string name, List<TError> errors, Func<TError> wrongKind)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(wrongKind());
        return false;
    }

    // Echoing a huge or hostile value back would only help an attacker fill logs.
    public static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
