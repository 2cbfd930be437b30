using System.Text.RegularExpressions;

namespace ImageExport.Core.Rules;

/// <summary>The shapes of names Tencent accepts, checked before anything is sent.</summary>
internal static partial class Naming
{
    public const int MaxImageIds = 20;
    public const int MaxPrefixLength = 128;

    // COS's bucket overview (Bucket Overview, tencentcloud.com/document/product/436/13312, "Bucket Naming Conventions"):
    // lowercase letters, digits and hyphens, not starting or ending with a hyphen, and "the combined domain name can be
    // up to 60 characters" (its example: 123456789012345678901-1250000000.cos.ap-beijing.myqcloud.com is 60). The earlier 50-character rule on "<name>-<appid>"
    // matched no document; the region is part of the rule because its length is part of the domain.
    public const int MaxBucketDomainLength = 60;

    [GeneratedRegex("^img-[a-z0-9]{8}$", RegexOptions.CultureInvariant)]
    public static partial Regex ImageId();

    [GeneratedRegex("^(?<name>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-(?<appid>[0-9]{1,20})$", RegexOptions.CultureInvariant)]
    public static partial Regex Bucket();

    // CAM role names: letters, digits and +=,.@_- up to 128 characters.
    [GeneratedRegex("^[A-Za-z0-9+=,.@_-]{1,128}$", RegexOptions.CultureInvariant)]
    public static partial Regex RoleName();

    [GeneratedRegex("^[a-z]{2,}(?:-[a-z0-9]+)+$", RegexOptions.CultureInvariant)]
    public static partial Regex Region();

    // Export prefixes: a safe subset of COS key characters, so a prefix never needs escaping and never reaches the state prefix.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex Prefix();

    public static bool IsBucket(string value, string region) => BucketDomain(value, region).Length <= MaxBucketDomainLength && Bucket().IsMatch(value);

    /// <summary>The bucket's default XML API domain, whose length COS limits.</summary>
    public static string BucketDomain(string bucket, string region) => $"{bucket}.cos.{region}.myqcloud.com";

    /// <summary>What a bucket name must be, for error messages.</summary>
    public static string BucketRule(string bucket, string region) =>
        $"<name>-<appid>: lowercase letters, digits and hyphens, not starting or ending with a hyphen, then '-' and the APPID digits; " +
        $"its domain <bucket>.cos.{region}.myqcloud.com at most {MaxBucketDomainLength} characters (here {BucketDomain(bucket, region).Length})";

    /// <summary>Why a prefix is unacceptable (a catalog text), or null when it is fine.</summary>
    public static Texts.LocalText? PrefixProblem(string prefix)
    {
        if (prefix.Length > MaxPrefixLength) return Texts.LocalText.Of("field.prefix.tooLong", ("max", MaxPrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (prefix.StartsWith('/')) return Texts.LocalText.Of("field.prefix.leadingSlash");
        if (prefix.Any(char.IsControl)) return Texts.LocalText.Of("field.prefix.control");
        if (prefix.Contains("..", StringComparison.Ordinal)) return Texts.LocalText.Of("field.prefix.dotDot");
        if (prefix.Contains("//", StringComparison.Ordinal)) return Texts.LocalText.Of("field.prefix.doubleSlash");
        if (!Prefix().IsMatch(prefix)) return Texts.LocalText.Of("field.prefix.characters");
        return null;
    }
}
