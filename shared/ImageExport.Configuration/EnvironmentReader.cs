using System.Globalization;

namespace ImageExport.Configuration;

/// <summary>
/// The one reader of configuration variables: typed getters whose every failure is an
/// <see cref="ImageExportConfigurationException"/> naming the variable. It reads through the lookup on every call rather
/// than copying the environment once, because the execution role's keys are read per call (they may be rotated).
/// Unset and blank read alike: serverless.yml writes empty values for what an operator did not fill in.
/// </summary>
public sealed class EnvironmentReader
{
    private readonly Func<string, string?> _lookup;

    public EnvironmentReader(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        _lookup = lookup;
    }

    /// <summary>The trimmed value, or null when unset or blank.</summary>
    public string? String(string name)
    {
        var value = _lookup(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public bool Bool(string name, bool fallback)
    {
        var value = String(name);
        if (value is null)
        {
            return fallback;
        }

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
        if (value is null)
        {
            return fallback;
        }

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
        if (value is null)
        {
            return fallback;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
        {
            throw new ImageExportConfigurationException(name, $"'{value}' is not a number (use a dot as decimal separator)");
        }
        return parsed >= min && parsed <= max
            ? parsed
            : throw new ImageExportConfigurationException(name, $"{parsed.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>An absolute http(s) URL, or null when unset. The value is never echoed: webhook URLs carry access tokens.</summary>
    public Uri? HttpUrl(string name)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new ImageExportConfigurationException(name, "not an absolute http(s) URL");
    }

    /// <summary>A region ID in the shape <see cref="RegionName"/> accepts, or null when unset.</summary>
    public string? Region(string name)
    {
        var value = String(name);
        return value is null || RegionName.IsValid(value)
            ? value
            : throw new ImageExportConfigurationException(name, $"'{value}' is not a region such as ap-guangzhou");
    }

    /// <summary>The function's region, <c>TENCENTCLOUD_REGION</c>: required, since the images and the bucket must share it.</summary>
    public string FunctionRegion() =>
        Region(ScfVariables.Region)
        ?? throw new ImageExportConfigurationException(ScfVariables.Region, "is required (SCF sets it; e.g. ap-guangzhou)");
}
