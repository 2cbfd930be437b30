using ImageExport.Core.Jobs;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Paging;
using Serilog;

namespace ImageExport.Core.Progress;

/// <summary>
/// Reads how far a job's exports have got from the export bucket: one ListMultipartUploads of the job's prefix (paged),
/// then ListParts only for the uploads of files the job is still waiting for. CVM reports no progress itself; a disk
/// over 5 GB cannot be written with one PUT (tencentcloud.com/document/product/436/14113), so it shows up as a
/// multipart upload while it runs.
/// </summary>
internal sealed class ProgressObserver(ICosApi cos, ILogger log, bool warnOnDenied = true)
{
    private const int MaxUploadPages = 5;
    // COS allows 10,000 parts per upload (product/436/14112); ListParts gives 1,000 a page.
    private const int MaxPartPages = 10;

    // Missing cos:ListMultipartUploads / cos:ListParts is a deployment matter: the poll says so once per instance (the
    // API stays quiet), then progress is simply absent. Exports still complete (the trigger and listing see landing).
    private int _permissionWarned = warnOnDenied ? 0 : 1;

    /// <summary>The keys <see cref="ObserveAsync"/> looks for: pending files of exporting images.</summary>
    public static IReadOnlyList<string> WantedKeys(JobRecord job) =>
        job.Images.Where(i => i.State == JobStates.Exporting).SelectMany(i => i.Files).Where(f => f.State == FileStates.Pending).Select(f => f.Key).ToList();

    /// <summary>Open uploads of the job's pending files by key (the latest initiated, if several); null when COS refuses the listing (no permission).</summary>
    public async Task<IReadOnlyDictionary<string, UploadSample>?> ObserveAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var wanted = WantedKeys(job).ToHashSet(StringComparer.Ordinal);
        var samples = new Dictionary<string, UploadSample>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return samples;
        }

        IReadOnlyList<CosUpload> uploads;
        try
        {
            uploads = await ListUploadsAsync(job.Bucket, job.Prefix + "_", wanted, cancellationToken).ConfigureAwait(false);
        }
        catch (CosException e) when (e.StatusCode == 403)
        {
            if (Interlocked.Exchange(ref _permissionWarned, 1) == 0)
            {
                log.Warning("Export progress is not shown: COS refused ListMultipartUploads on {Bucket} ({Code}). Grant the function's role " +
                            "cos:ListMultipartUploads and cos:ListParts on the export bucket; exports complete either way", job.Bucket, e.Code);
            }
            return null;
        }

        foreach (var upload in uploads.GroupBy(u => u.Key).Select(g => g.OrderBy(u => u.Initiated ?? DateTimeOffset.MinValue).Last()))
        {
            var sample = await ListPartsAsync(job.Bucket, upload, cancellationToken).ConfigureAwait(false);
            if (sample is not null)
            {
                samples[upload.Key] = sample;
            }
        }
        return samples;
    }

    private async Task<IReadOnlyList<CosUpload>> ListUploadsAsync(string bucket, string prefix, HashSet<string> wanted, CancellationToken cancellationToken)
    {
        var listed = await Pager.CollectAsync<CosUpload, (string? Key, string? UploadId)>(async (marker, token) =>
        {
            var page = await cos.ListMultipartUploadsAsync(bucket, prefix, marker.Key, marker.UploadId, 1000, token).ConfigureAwait(false);
            return new Page<CosUpload, (string?, string?)>(
                page.Uploads.Where(u => wanted.Contains(u.Key)).ToList(), page.IsTruncated && page.NextKeyMarker is not null, (page.NextKeyMarker, page.NextUploadIdMarker));
        }, MaxUploadPages, cancellationToken).ConfigureAwait(false);
        return listed.Items;
    }

    private async Task<UploadSample?> ListPartsAsync(string bucket, CosUpload upload, CancellationToken cancellationToken)
    {
        var gone = false;
        var listed = await Pager.CollectAsync<CosPart, int>(async (marker, token) =>
        {
            var page = await cos.ListPartsAsync(bucket, upload.Key, upload.UploadId, marker, 1000, token).ConfigureAwait(false);
            gone = page is null;
            return page is null ? new Page<CosPart, int>([], false, marker) : new Page<CosPart, int>(page.Parts, page.IsTruncated && page.NextPartNumberMarker > marker, page.NextPartNumberMarker);
        }, MaxPartPages, cancellationToken).ConfigureAwait(false);
        if (gone)
        {
            return null; // completed or aborted since it was listed
        }

        long bytes = 0, largest = 0;
        DateTimeOffset? last = null;
        foreach (var part in listed.Items)
        {
            bytes += part.Size;
            largest = Math.Max(largest, part.Size);
            if (part.LastModified is { } at && (last is null || at > last))
            {
                last = at;
            }
        }
        return new UploadSample(upload.Key, upload.UploadId, upload.Initiated, bytes, listed.Items.Count, largest, last);
    }
}
