using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Credentials;
using Serilog;

namespace ImageExport.TencentCloud.Cvm;

/// <summary>CVM API 3.0 (version 2017-03-12) over HTTP.</summary>
public sealed class CvmClient : ICvmApi
{
    public const string Version = "2017-03-12";

    private readonly TencentCloudApiClient _api;

    public CvmClient(HttpClient http, ICredentialsProvider credentials, TencentCloudSettings settings, TimeProvider time, ILogger logger, RetryOptions? retry = null)
        : this(http, credentials, settings, RetryPolicy.Create(retry, time, logger))
    {
    }

    internal CvmClient(HttpClient http, ICredentialsProvider credentials, TencentCloudSettings settings, RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(settings);
        _api = new TencentCloudApiClient(http, credentials, settings.CvmEndpoint, settings.Region, Version, retry);
    }

    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _api.CallAsync(
            "DescribeImages", request,
            TencentCloudJsonContext.Default.DescribeImagesRequest, TencentCloudJsonContext.Default.DescribeImagesResponse,
            idempotent: true, cancellationToken);
    }

    public async Task<ExportImagesResponse> ExportImagesAsync(ExportImagesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A DryRun changes nothing, so it is retried like a read; a real export never is.
        var dryRun = request.DryRun == true;
        try
        {
            return await _api.CallAsync(
                "ExportImages", request,
                TencentCloudJsonContext.Default.ExportImagesRequest, TencentCloudJsonContext.Default.ExportImagesResponse,
                idempotent: dryRun, cancellationToken).ConfigureAwait(false);
        }
        catch (TencentCloudException e) when (dryRun && e.Code == DryRunOperation)
        {
            // CVM answers a DryRun that would succeed with this error code; to callers it is a plain success.
            return new ExportImagesResponse { RequestId = e.RequestId };
        }
    }

    private const string DryRunOperation = "DryRunOperation";
}
