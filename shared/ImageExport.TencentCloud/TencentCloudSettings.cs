using System.Globalization;

namespace ImageExport.TencentCloud;

/// <summary>Where the Tencent Cloud APIs are and which region and account they serve.</summary>
public sealed record TencentCloudSettings
{
    public const string RegionVariable = "TENCENTCLOUD_REGION";
    public const string AppIdVariable = "TENCENTCLOUD_APPID";
    public const string CvmEndpointVariable = "IMAGEEXPORT_CVM_ENDPOINT";
    public const string CosEndpointVariable = "IMAGEEXPORT_COS_ENDPOINT";
    public const string SesEndpointVariable = "IMAGEEXPORT_SES_ENDPOINT";
    public const string SesRegionVariable = "IMAGEEXPORT_SES_REGION";
    public const string TemporaryCredentialsLifetimeVariable = "IMAGEEXPORT_TEMP_CREDENTIALS_LIFETIME_SECONDS";

    public static Uri DefaultCvmEndpoint { get; } = new("https://cvm.tencentcloudapi.com");
    public static Uri DefaultSesEndpoint { get; } = new("https://ses.tencentcloudapi.com");

    /// <summary>The region calls are made in (<c>X-TC-Region</c>, and the COS host), e.g. <c>ap-guangzhou</c>.</summary>
    public required string Region { get; init; }

    /// <summary>The account's APPID, the suffix of bucket names; <c>null</c> when not known.</summary>
    public string? AppId { get; init; }

    public Uri CvmEndpoint { get; init; } = DefaultCvmEndpoint;

    /// <summary>
    /// <c>null</c>: COS's own virtual-hosted addresses, <c>https://&lt;bucket&gt;.cos.&lt;region&gt;.myqcloud.com/&lt;key&gt;</c>.
    /// Set (e.g. <c>http://127.0.0.1:9200</c>): path-style addresses under it, <c>&lt;endpoint&gt;/&lt;bucket&gt;/&lt;key&gt;</c>.
    /// </summary>
    public Uri? CosEndpoint { get; init; }

    public Uri SesEndpoint { get; init; } = DefaultSesEndpoint;

    /// <summary>SES is offered in fewer regions than CVM; <c>null</c> means <see cref="Region"/>.</summary>
    public string? SesRegion { get; init; }

    /// <summary>
    /// How long temporary keys are assumed to stay valid when nothing says (SCF does not publish the expiry of the keys it
    /// injects). One hour is a guess, used to say honestly when a presigned link stops working.
    /// </summary>
    public TimeSpan TemporaryCredentialsLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Reads the variables above through <paramref name="environment"/>.</summary>
    /// <exception cref="InvalidOperationException">The region is missing, or a variable does not parse.</exception>
    public static TencentCloudSettings FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Read(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var region = Read(RegionVariable) ?? throw new InvalidOperationException($"{RegionVariable} must be set (SCF sets it).");
        var lifetime = TimeSpan.FromHours(1);
        if (Read(TemporaryCredentialsLifetimeVariable) is { } seconds)
        {
            if (!int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                throw new InvalidOperationException($"{TemporaryCredentialsLifetimeVariable} must be a positive number of seconds, not '{seconds}'.");
            }

            lifetime = TimeSpan.FromSeconds(parsed);
        }

        return new TencentCloudSettings
        {
            Region = region,
            AppId = Read(AppIdVariable),
            CvmEndpoint = Endpoint(CvmEndpointVariable, Read(CvmEndpointVariable)) ?? DefaultCvmEndpoint,
            CosEndpoint = Endpoint(CosEndpointVariable, Read(CosEndpointVariable)),
            SesEndpoint = Endpoint(SesEndpointVariable, Read(SesEndpointVariable)) ?? DefaultSesEndpoint,
            SesRegion = Read(SesRegionVariable),
            TemporaryCredentialsLifetime = lifetime,
        };
    }

    private static Uri? Endpoint(string variable, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{variable} must be an absolute http(s) URL, not '{value}'.");
    }
}
