using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Credentials;
using ImageExport.TencentCloud.Cvm;
using ImageExport.TencentCloud.Ses;
using Serilog;

namespace ImageExport.TencentCloud;

/// <summary>
/// Builds the CVM, COS and SES clients over one <see cref="HttpClient"/> (give it an infinite Timeout: each attempt
/// has its own, measured on <see cref="TimeProvider"/>).
/// </summary>
public sealed class TencentCloudClientFactory(
    HttpClient http,
    ICredentialsProvider credentials,
    TencentCloudSettings settings,
    TimeProvider time,
    ILogger logger,
    RetryOptions? retry = null)
{
    public TencentCloudSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>Settings and credentials from SCF's environment variables (see <see cref="TencentCloudSettings.FromEnvironment"/>).</summary>
    public static TencentCloudClientFactory FromEnvironment(HttpClient http, TimeProvider time, ILogger logger, Func<string, string?> environment, RetryOptions? retry = null) =>
        new(http, new EnvironmentCredentialsProvider(environment), TencentCloudSettings.FromEnvironment(environment), time, logger, retry);

    public CvmClient CreateCvm() => new(http, credentials, Settings, time, logger.ForContext<CvmClient>(), retry);

    public CosClient CreateCos() => new(http, credentials, Settings, time, logger.ForContext<CosClient>(), retry);

    public SesClient CreateSes() => new(http, credentials, Settings, time, logger.ForContext<SesClient>(), retry);
}
