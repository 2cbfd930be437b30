namespace ImageExport.TencentCloud.Cvm;

/// <summary>The CVM API 3.0 actions ImageExport uses (version 2017-03-12).</summary>
public interface ICvmApi
{
    /// <summary>One DescribeImages call, as documented: ImageIds or Filters (never both), Offset, Limit ≤ 100.</summary>
    Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// One ExportImages call. Never retried blindly once the request may have reached CVM: an unknown outcome
    /// surfaces as <see cref="Api.TencentCloudOutcomeUnknownException"/> so the caller can reconcile.
    /// With <c>DryRun</c>, CVM's <c>DryRunOperation</c> answer (the export would be accepted) returns normally with
    /// <c>TaskId</c> 0 and no <c>CosPaths</c>; any other code is thrown as for a real export.
    /// </summary>
    Task<ExportImagesResponse> ExportImagesAsync(ExportImagesRequest request, CancellationToken cancellationToken);
}
