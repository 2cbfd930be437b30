using System.Globalization;

namespace ImageExport.Core.Configuration;

/// <summary>Typed reads of environment variables; every failure names the variable.</summary>
internal sealed class EnvironmentReader(Func<string, string?> lookup)
{
    public string? String(string name)
    {
        var value = lookup(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public bool Bool(string name, bool fallback)
    {
        var value = String(name);
        if (value is null) return fallback;
        return value.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new ImageExportConfigurationException(name, $"'{value}' is not a boolean (true/false, 1/0, yes/no, on/off)"),
        };
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var value = String(name);
        if (value is null) return fallback;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            throw new ImageExportConfigurationException(name, $"'{value}' is not a whole number");
        }
        return parsed >= min && parsed <= max
            ? parsed
            : throw new ImageExportConfigurationException(name, $"{parsed} is outside {min}..{max}");
    }

    public double Number(string name, double fallback, double min, double max)
    {
        var value = String(name);
        if (value is null) return fallback;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
        {
            throw new ImageExportConfigurationException(name, $"'{value}' is not a number (use a dot as decimal separator)");
        }
        return parsed >= min && parsed <= max
            ? parsed
            : throw new ImageExportConfigurationException(name, $"{parsed.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
    }
}
