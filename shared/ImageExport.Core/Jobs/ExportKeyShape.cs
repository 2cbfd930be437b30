using System.Text.RegularExpressions;

namespace ImageExport.Core.Jobs;

/// <summary>
/// Object keys that look like an export: the API's <c>&lt;prefix&gt;_img-xxxxxxxx_system_snap-….&lt;format&gt;</c> (or
/// <c>_data_</c>), or the console's <c>&lt;prefix&gt;_xvda.raw</c>.
/// </summary>
internal static partial class ExportKeyShape
{
    public sealed record Shape(string? ImageId, string Format);

    private static readonly string[] Extensions = [".raw", ".qcow2", ".vhd", ".vmdk"];

    /// <summary>
    /// Whether the key ends in an export format's extension, in any case: what the COS trigger's suffix filters used to
    /// select, checked here instead because one unfiltered trigger now delivers every upload of the bucket.
    /// </summary>
    public static bool HasExportExtension(string key) =>
        Extensions.Any(extension => key.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    public static Shape? Match(string key)
    {
        var api = ApiNamed().Match(key);
        if (api.Success)
        {
            return new Shape(api.Groups["image"].Value, api.Groups["format"].Value.ToLowerInvariant());
        }

        var console = ConsoleNamed().Match(key);
        return console.Success ? new Shape(null, console.Groups["format"].Value.ToLowerInvariant()) : null;
    }

    [GeneratedRegex(@"(?:^|_)(?<image>img-[a-z0-9]{8})_(?:system|data)_snap-[A-Za-z0-9]+\.(?<format>raw|qcow2|vhd|vmdk)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ApiNamed();

    [GeneratedRegex(@"(?:^|[_/])xvd[a-z]+\.(?<format>raw|qcow2|vhd|vmdk)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ConsoleNamed();
}
