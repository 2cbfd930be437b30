using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageExport.Local.Emulator.Cvm;

/// <summary>Typed, checked access to an action's JSON parameters; a wrong type is InvalidParameter, as in API 3.0.</summary>
internal sealed class CvmParameters(JsonObject body)
{
    /// <summary>Refuses parameters the action does not document, so a misspelt one fails loudly instead of being ignored.</summary>
    public void AllowOnly(params string[] names)
    {
        foreach (var (name, _) in body)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                throw new CvmApiException("UnknownParameter", $"The parameter `{name}` is not recognized.");
            }
        }
    }

    public string? String(string name) =>
        Get(name) switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw WrongType(name, "a string"),
        };

    public bool? Bool(string name) =>
        Get(name) switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw WrongType(name, "a boolean"),
        };

    public ulong? UInt(string name)
    {
        var node = Get(name);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (v.TryGetValue<ulong>(out var value))
            {
                return value;
            }

            if (v.TryGetValue<double>(out var number) && number >= 0 && number == Math.Floor(number) && number <= ulong.MaxValue)
            {
                return (ulong)number;
            }
        }

        throw new CvmApiException("InvalidParameterValue", $"The parameter `{name}` must be a non-negative integer.");
    }

    public IReadOnlyList<string>? StringArray(string name)
    {
        var array = Array(name);
        if (array is null)
        {
            return null;
        }

        var values = new List<string>(array.Count);
        foreach (var item in array)
        {
            values.Add(item is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw WrongType(name, "an array of strings"));
        }

        return values;
    }

    public JsonArray? Array(string name) =>
        Get(name) switch
        {
            null => null,
            JsonArray a => a,
            _ => throw WrongType(name, "an array"),
        };

    private JsonNode? Get(string name) => body.TryGetPropertyValue(name, out var node) ? node : null;

    private static CvmApiException WrongType(string name, string expected) =>
        new("InvalidParameter", $"The parameter `{name}` must be {expected}.");
}
