using ImageExport.TencentCloud.Cos;
using Serilog;

namespace ImageExport.Core.Storage;

/// <summary>
/// Refuses to write the job store into a bucket where versioning was ever enabled. Every write of the store is a create
/// with <c>x-cos-forbid-overwrite: true</c>, and COS documents that header (PUT Object,
/// cloud.tencent.com/document/product/436/7749; Complete Multipart Upload) as having no effect on a bucket whose
/// versioning is or was enabled (Enabled or Suspended): there two writers racing for one sequence number would both
/// succeed and one event would be lost without anyone noticing.
/// </summary>
/// <remarks>
/// Asked once per instance, before the first write (a bucket's versioning cannot be switched back to "never enabled",
/// so both answers stay true); a question that failed (COS unreachable) is asked again by the next write.
/// </remarks>
internal sealed class StateBucketVersioning(ICosApi cos, string bucket, ILogger log)
{
    private readonly Lock _gate = new();

    // The one question of this instance: concurrent first writes share it; reset only when it failed for another reason.
    private Task? _check;

    public async Task EnsureCreateOnlyWritesHoldAsync(CancellationToken cancellationToken)
    {
        Task current;
        lock (_gate)
        {
            current = _check ??= CheckAsync();
        }

        try
        {
            await current.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (current.IsFaulted && current.Exception?.InnerException is not StateBucketVersionedException)
        {
            lock (_gate)
            {
                if (_check == current)
                {
                    _check = null;
                }
            }
            throw;
        }
    }

    // Not tied to one caller's token: a later caller may still be waiting for the answer.
    private async Task CheckAsync()
    {
        var status = await cos.GetBucketVersioningAsync(bucket, CancellationToken.None).ConfigureAwait(false);
        if (status is null)
        {
            return;
        }

        log.Error(
            "The state bucket {StateBucket} has versioning {VersioningStatus}: create-only writes (x-cos-forbid-overwrite) do not hold there, so the job store refuses to write. Use a bucket that never had versioning (IMAGEEXPORT_STATE_BUCKET)",
            bucket, status);
        throw new StateBucketVersionedException(bucket, status);
    }
}

/// <summary>The state bucket has (or had) versioning, so the job store will not write to it.</summary>
internal sealed class StateBucketVersionedException(string bucket, string status)
    : Exception($"the state bucket {bucket} has versioning {status}; COS ignores x-cos-forbid-overwrite on a bucket that ever had versioning, " +
        "so job records could be overwritten by a racing writer. Set IMAGEEXPORT_STATE_BUCKET to a bucket that never had versioning enabled")
{
    /// <summary>The bucket at fault.</summary>
    public string Bucket { get; } = bucket;

    /// <summary><c>Enabled</c> or <c>Suspended</c>.</summary>
    public string Status { get; } = status;
}
