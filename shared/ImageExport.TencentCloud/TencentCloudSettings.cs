using ImageExport.Configuration;

namespace ImageExport.TencentCloud;

/// <summary>Where the Tencent Cloud APIs are and which region and account they serve.</summary>
public sealed record TencentCloudSettings
{
    public const string RegionVariable = ScfVariables.Region;
    public const string AppIdVariable = ScfVariables.AppId;
    public const string CvmEndpointVariable = "IMAGEEXPORT_CVM_ENDPOINT";
    public const string CosEndpointVariable = "IMAGEEXPORT_COS_ENDPOINT";
    public const string SesEndpointVariable = "IMAGEEXPORT_SES_ENDPOINT";
    public const string SesRegionVariable = "IMAGEEXPORT_SES_REGION";
    public const string TemporaryCredentialsLifetimeVariable = "IMAGEEXPORT_TEMP_CREDENTIALS_LIFETIME_SECONDS";

    public static Uri DefaultCvmEndpoint { get; } = new("https://cvm.tencentcloudapi.com");
    public static Uri DefaultSesEndpoint { get; } = new("https://ses.tencentcloudapi.com");

    /// <summary>
    /// SES's <c>SendEmail</c> accepts only ap-guangzhou and ap-hongkong as its Region on Tencent Cloud's China site
    /// (SendEmail API, cloud.tencent.com/document/api/1288/51034; docs/reference/cvm-cos-api.md §7); Guangzhou is
    /// the first of them and the default. An account on the international site sets <c>IMAGEEXPORT_SES_REGION</c>.
    /// </summary>
    public const string DefaultSesRegion = "ap-guangzhou";

    private const int DefaultTemporaryCredentialsLifetimeSeconds = 3600;

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

    /// <summary>The region SES calls go to (<c>IMAGEEXPORT_SES_REGION</c>): SES is offered in fewer regions than CVM.</summary>
    public string SesRegion { get; init; } = DefaultSesRegion;

    /// <summary>
    /// How long temporary keys are assumed to stay valid when nothing says (SCF does not publish the expiry of the keys it
    /// injects). One hour is a guess, used to say honestly when a presigned link stops working.
    /// </summary>
    public TimeSpan TemporaryCredentialsLifetime { get; init; } = TimeSpan.FromSeconds(DefaultTemporaryCredentialsLifetimeSeconds);

    /// <summary>Reads the variables above through <paramref name="environment"/>.</summary>
    /// <exception cref="ImageExportConfigurationException">The region is missing, or a variable does not parse.</exception>
    public static TencentCloudSettings FromEnvironment(Func<string, string?> environment) => FromEnvironment(new EnvironmentReader(environment));

    /// <inheritdoc cref="FromEnvironment(Func{string, string?})"/>
    public static TencentCloudSettings FromEnvironment(EnvironmentReader environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new TencentCloudSettings
        {
            Region = environment.FunctionRegion(),
            AppId = environment.String(AppIdVariable),
            CvmEndpoint = environment.HttpUrl(CvmEndpointVariable) ?? DefaultCvmEndpoint,
            CosEndpoint = environment.HttpUrl(CosEndpointVariable),
            SesEndpoint = environment.HttpUrl(SesEndpointVariable) ?? DefaultSesEndpoint,
            SesRegion = ReadSesRegion(environment),
            TemporaryCredentialsLifetime = TimeSpan.FromSeconds(
                environment.Int(TemporaryCredentialsLifetimeVariable, DefaultTemporaryCredentialsLifetimeSeconds, 1, int.MaxValue)),
        };
    }

    /// <summary>
    /// <c>IMAGEEXPORT_SES_REGION</c>, the one reading of the SES region (the email channel's settings show the same
    /// value): <see cref="DefaultSesRegion"/> when unset.
    /// </summary>
    public static string ReadSesRegion(EnvironmentReader environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Region(SesRegionVariable) ?? DefaultSesRegion;
    }
}
