using System.Text.RegularExpressions;
using ImageExport.Core.Configuration;

namespace ImageExport.Core.Rules;

/// <summary>The shapes of names Tencent accepts, checked before anything is sent.</summary>
internal static partial class Naming
{
    public const int MaxImageIds = 20;
    public const int MaxPrefixLength = 128;

    /// <summary>ExportImages' <c>ExportFormat</c> values, lower case (docs/reference/cvm-cos-api.md §1.1).</summary>
    public static readonly string[] Formats = ["raw", "qcow2", "vhd", "vmdk"];

    // The bucket's rule lives with the settings that also check it (Configuration/ResourceNames.cs).
    public const int MaxBucketDomainLength = ResourceNames.MaxBucketDomainLength;

    [GeneratedRegex("^img-[a-z0-9]{8}$", RegexOptions.CultureInvariant)]
    public static partial Regex ImageId();

    public static Regex RoleName() => ResourceNames.RoleName();

    // Export prefixes: a safe subset of COS key characters, so a prefix never needs escaping and never reaches the state prefix.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex Prefix();

    public static bool IsBucket(string value, string region) => ResourceNames.IsBucket(value, region);

    public static string BucketDomain(string bucket, string region) => ResourceNames.BucketDomain(bucket, region);

    /// <summary>Why a prefix is unacceptable (a catalog text), or null when it is fine.</summary>
    public static Texts.LocalText? PrefixProblem(string prefix)
    {
        if (prefix.Length > MaxPrefixLength)
        {
            return Texts.LocalText.Of("field.prefix.tooLong", ("max", MaxPrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (prefix.StartsWith('/'))
        {
            return Texts.LocalText.Of("field.prefix.leadingSlash");
        }

        if (prefix.Any(char.IsControl))
        {
            return Texts.LocalText.Of("field.prefix.control");
        }

        if (prefix.Contains("..", StringComparison.Ordinal))
        {
            return Texts.LocalText.Of("field.prefix.dotDot");
        }

        if (prefix.Contains("//", StringComparison.Ordinal))
        {
            return Texts.LocalText.Of("field.prefix.doubleSlash");
        }

        if (!Prefix().IsMatch(prefix))
        {
            return Texts.LocalText.Of("field.prefix.characters");
        }

        return null;
    }
}
