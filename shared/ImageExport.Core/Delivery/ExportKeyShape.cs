using System.Text.RegularExpressions;

namespace ImageExport.Core.Delivery;

/// <summary>
/// Object keys that look like an export: the API's <c>&lt;prefix&gt;_img-xxxxxxxx_system_snap-….&lt;format&gt;</c> (or
/// <c>_data_</c>), or the console's <c>&lt;prefix&gt;_xvda.raw</c>.
/// </summary>
internal static partial class ExportKeyShape
{
    public sealed record Shape(string? ImageId, string Format);

    public static Shape? Match(string key)
    {
        var api = ApiNamed().Match(key);
        if (api.Success) return new Shape(api.Groups["image"].Value, api.Groups["format"].Value.ToLowerInvariant());
        var console = ConsoleNamed().Match(key);
        return console.Success ? new Shape(null, console.Groups["format"].Value.ToLowerInvariant()) : null;
    }

    [GeneratedRegex(@"(?:^|_)(?<image>img-[a-z0-9]{8})_(?:system|data)_snap-[A-Za-z0-9]+\.(?<format>raw|qcow2|vhd|vmdk)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ApiNamed();

    [GeneratedRegex(@"(?:^|[_/])xvd[a-z]+\.(?<format>raw|qcow2|vhd|vmdk)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ConsoleNamed();
}
