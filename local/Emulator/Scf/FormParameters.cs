using System.Globalization;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// The flattened parameters of a form-encoded API call (<c>Environment.Variables.0.Key</c>, <c>Filters.1.Values.0</c>):
/// the older signature's wire form (docs/reference/deploy.md §5).
/// </summary>
internal sealed class FormParameters(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> All => values;

    public string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) =>
        Get(name) is { Length: > 0 } value ? value : throw ScfApiException.Missing(name);

    /// <summary>Refuses a call made to another version of the API than <paramref name="expected"/>.</summary>
    public void RequireVersion(string expected)
    {
        var version = Required("Version");
        if (version != expected)
        {
            throw new ScfApiException("NoSuchVersion", $"Version {version} is not emulated; this API is {expected}.");
        }
    }

    public int? Int(string name)
    {
        var text = Get(name);
        if (text is null or "")
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ScfApiException("InvalidParameterValue", $"{name}: '{text}' is not a whole number.");
    }

    /// <summary>How many <c>prefix.N.…</c> entries there are (N counted from 0 without gaps).</summary>
    public int Count(string prefix)
    {
        var count = 0;
        while (values.Keys.Any(k => k.StartsWith($"{prefix}.{count}.", StringComparison.Ordinal) || k == $"{prefix}.{count}"))
        {
            count++;
        }

        return count;
    }

    public bool HasAny(string prefix) => values.Keys.Any(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal));
}
