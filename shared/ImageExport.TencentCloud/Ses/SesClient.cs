using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Credentials;
using Serilog;

namespace ImageExport.TencentCloud.Ses;

/// <summary>SES API 3.0 (version 2020-10-02) over HTTP.</summary>
public sealed class SesClient : ISesApi
{
    public const string Version = "2020-10-02";

    private readonly TencentCloudApiClient _api;

    public SesClient(HttpClient http, ICredentialsProvider credentials, TencentCloudSettings settings, TimeProvider time, ILogger logger, RetryOptions? retry = null)
        : this(http, credentials, settings, RetryPolicy.Create(retry, time, logger))
    {
    }

    internal SesClient(HttpClient http, ICredentialsProvider credentials, TencentCloudSettings settings, RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(settings);
        _api = new TencentCloudApiClient(http, credentials, settings.SesEndpoint, settings.SesRegion, Version, retry);
    }

    /// <summary>
    /// Sends one templated email. A second send is a second email, so this is repeated only when SES certainly did
    /// not take the first; otherwise <see cref="TencentCloudOutcomeUnknownException"/>.
    /// </summary>
    public Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.CallAsync(
            "SendEmail", request,
            TencentCloudJsonContext.Default.SendEmailRequest, TencentCloudJsonContext.Default.SendEmailResponse,
            idempotent: false, cancellationToken);
    }
}
