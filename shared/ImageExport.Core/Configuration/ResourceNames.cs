using System.Text.RegularExpressions;

namespace ImageExport.Core.Configuration;

/// <summary>
/// The shapes of the bucket and role names Tencent accepts, which the settings check at start and the start request
/// checks per request (Rules/Naming.cs hands these on). Here, not in Rules/, so the settings depend on no feature.
/// </summary>
internal static partial class ResourceNames
{
    // COS's bucket overview (Bucket Overview, tencentcloud.com/document/product/436/13312, "Bucket Naming Conventions"):
    // lowercase letters, digits and hyphens, not starting or ending with a hyphen, and "the combined domain name can be
    // up to 60 characters" (its example: 123456789012345678901-1250000000.cos.ap-beijing.myqcloud.com is 60). The earlier 50-character rule on "<name>-<appid>"
    // matched no document; the region is part of the rule because its length is part of the domain.
    public const int MaxBucketDomainLength = 60;

    [GeneratedRegex("^(?<name>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)-(?<appid>[0-9]{1,20})$", RegexOptions.CultureInvariant)]
    public static partial Regex Bucket();

    // CAM role names: letters, digits and +=,.@_- up to 128 characters.
    [GeneratedRegex("^[A-Za-z0-9+=,.@_-]{1,128}$", RegexOptions.CultureInvariant)]
    public static partial Regex RoleName();

    public static bool IsBucket(string value, string region) => BucketDomain(value, region).Length <= MaxBucketDomainLength && Bucket().IsMatch(value);

    /// <summary>The bucket's default XML API domain, whose length COS limits.</summary>
    public static string BucketDomain(string bucket, string region) => $"{bucket}.cos.{region}.myqcloud.com";

    /// <summary>What a bucket name must be, for error messages.</summary>
    public static string BucketRule(string bucket, string region) =>
        $"<name>-<appid>: lowercase letters, digits and hyphens, not starting or ending with a hyphen, then '-' and the APPID digits; " +
        $"its domain <bucket>.cos.{region}.myqcloud.com at most {MaxBucketDomainLength} characters (here {BucketDomain(bucket, region).Length})";
}
