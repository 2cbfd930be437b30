using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Rules;
using ImageExport.Core.Submission;
using ImageExport.Core.Texts;
using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Cvm;
using Serilog;

namespace ImageExport.Core.Poll;

/// <summary>
/// Brings one active job up to date with reality: files that landed without a COS event (one LIST per job when
/// several of its images are exporting, as they share the job's prefix; one per image otherwise), exports past their
/// time limit, and submissions whose outcome was unknown.
/// </summary>
internal sealed class JobReconciler(
    ICvmApi cvm,
    ICosApi cos,
    JobStore store,
    Submitter submitter,
    ImageExportSettings settings,
    TimeProvider time,
    ILogger log)
{
    private const int MaxListPages = 5;

    public async Task<JobRecord> ReconcileAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var exporting = job.Images.Where(i => i.State == JobStates.Exporting).ToList();
        if (exporting.Count == 0)
        {
            return job;
        }

        var found = await FindFilesAsync(job, exporting, cancellationToken).ConfigureAwait(false);

        job = await RecordLandedAsync(job, found, cancellationToken).ConfigureAwait(false);
        job = await ResolveStartedAsync(job, found, cancellationToken).ConfigureAwait(false);
        job = await TimeOutAsync(job, cancellationToken).ConfigureAwait(false);
        foreach (var image in job.Images.Where(i => IsStaleUnknown(i, found)).ToList())
        {
            job = await ResolveUnknownAsync(job, image, cancellationToken).ConfigureAwait(false);
        }
        return job;
    }

    // Every image of a job writes under "<prefix>_": one listing of that answers for all of them, unless the prefix
    // holds more than a few pages of other objects (a prefix reused across jobs); then each image is listed alone.
    private async Task<Dictionary<string, IReadOnlyList<CosObjectInfo>>> FindFilesAsync(JobRecord job, List<ImageRecord> exporting, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, IReadOnlyList<CosObjectInfo>>(StringComparer.Ordinal);
        if (exporting.Count > 1)
        {
            var (all, complete) = await ListAsync(job.Bucket, job.Prefix + "_", cancellationToken).ConfigureAwait(false);
            if (complete)
            {
                foreach (var image in exporting)
                {
                    var imagePrefix = ExportPaths.ListPrefix(job.Prefix, image.ImageId);
                    found[image.ImageId] = all.Where(o => o.Key.StartsWith(imagePrefix, StringComparison.Ordinal)).ToList();
                }
                return found;
            }
        }
        foreach (var image in exporting)
        {
            found[image.ImageId] = (await ListAsync(job.Bucket, ExportPaths.ListPrefix(job.Prefix, image.ImageId), cancellationToken).ConfigureAwait(false)).Objects;
        }
        return found;
    }

    private async Task<(IReadOnlyList<CosObjectInfo> Objects, bool Complete)> ListAsync(string bucket, string prefix, CancellationToken cancellationToken)
    {
        var listing = await cos.ListAllObjectsAsync(bucket, prefix, MaxListPages, cancellationToken).ConfigureAwait(false);
        return (listing.Items, listing.Complete);
    }

    private async Task<JobRecord> RecordLandedAsync(JobRecord job, Dictionary<string, IReadOnlyList<CosObjectInfo>> found, CancellationToken cancellationToken)
    {
        var present = found.Values.SelectMany(v => v).GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.First().Size, StringComparer.Ordinal);
        var result = await store.AppendAsync(job.JobId, job, j =>
        {
            var landed = j.Images
                .Where(i => i.State == JobStates.Exporting)
                .SelectMany(i => i.Files)
                .Where(f => f.State == FileStates.Pending && present.ContainsKey(f.Key))
                .Select(f => new LandedFile(f.Key, present[f.Key]))
                .ToList();
            return landed.Count == 0 ? null : new JobEvent { Type = JobEventTypes.FilesLanded, At = time.GetUtcNow(), Files = landed };
        }, cancellationToken).ConfigureAwait(false);
        if (result.Written is not null)
        {
            log.Information("Job {JobId}: {FileCount} file(s) found landed by listing", job.JobId, result.Written.Files!.Count);
        }

        return result.Job ?? job;
    }

    // Objects under an image's prefix whose names differ from the prediction still prove that its export started.
    private async Task<JobRecord> ResolveStartedAsync(JobRecord job, Dictionary<string, IReadOnlyList<CosObjectInfo>> found, CancellationToken cancellationToken)
    {
        var result = await store.AppendAsync(job.JobId, job, j =>
        {
            var started = j.Images
                .Where(i => i.State == JobStates.Exporting && i.Submission is Submissions.Unknown or Submissions.Submitting)
                .Where(i => found.TryGetValue(i.ImageId, out var objects) && objects.Count > 0)
                .Select(i => i.ImageId)
                .ToList();
            return started.Count == 0 ? null : new JobEvent { Type = JobEventTypes.SubmitResolved, At = time.GetUtcNow(), ImageIds = started, Reason = Catalog.Text(Language.English, "reason.filesAppearing") };
        }, cancellationToken).ConfigureAwait(false);
        return result.Job ?? job;
    }

    private async Task<JobRecord> TimeOutAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var image in job.Images.Where(i => ExportTimeout.IsExceeded(settings, i, now)).ToList())
        {
            var reason = ExportTimeout.Reason(settings, image, now);
            var result = await store.AppendAsync(job.JobId, job, j =>
                j.Image(image.ImageId) is { } current && ExportTimeout.IsExceeded(settings, current, now)
                    ? new JobEvent { Type = JobEventTypes.TimedOut, At = now, ImageIds = [image.ImageId], Reason = reason }
                    : null,
                cancellationToken).ConfigureAwait(false);
            if (result.Written is not null)
            {
                log.Warning("Job {JobId}: export of {ImageId} {Reason}", job.JobId, image.ImageId, reason);
            }

            job = result.Job ?? job;
        }
        return job;
    }

    private bool IsStaleUnknown(ImageRecord image, Dictionary<string, IReadOnlyList<CosObjectInfo>> found) =>
        image.State == JobStates.Exporting &&
        DuePolicy.UnknownCheckDue(settings, image) is { } due && time.GetUtcNow() >= due &&
        (!found.TryGetValue(image.ImageId, out var objects) || objects.Count == 0);

    /// <summary>
    /// The rule for a submission whose outcome is unknown, once its grace period has passed with no file: if CVM
    /// says the image is busy (DescribeImages not NORMAL, or DryRun answers InvalidImageState) the export is taken
    /// as running; if CVM would accept a new export, no export of the image can be running, so it is submitted again,
    /// at most IMAGEEXPORT_UNKNOWN_RESUBMIT_LIMIT times; each time needs a fresh grace period without files and CVM's
    /// fresh word that the image is idle. Past the limit the image waits for files or its time limit.
    /// </summary>
    private async Task<JobRecord> ResolveUnknownAsync(JobRecord job, ImageRecord image, CancellationToken cancellationToken)
    {
        var imageLog = log.ForContext("ImageId", image.ImageId);
        string? busy = null;
        string? rejected = null;
        try
        {
            var described = await cvm.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [image.ImageId], Limit = 1 }, cancellationToken).ConfigureAwait(false);
            var state = described.ImageSet.FirstOrDefault()?.ImageState;
            if (state is not null && !string.Equals(state, "NORMAL", StringComparison.OrdinalIgnoreCase))
            {
                busy = Catalog.Format(Language.English, "reason.cvmReportsState", ("state", state));
            }
            else
            {
                await cvm.ExportImagesAsync(Submitter.Request(job.Bucket, image.ImageId, job.Format, job.Prefix, job.OnlyRootDisk, job.RoleName, dryRun: true), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (TencentCloudException e) when (e.Code == CvmRejections.ImageBusy)
        {
            busy = Catalog.Text(Language.English, "reason.cvmReportsBusy");
        }
        catch (TencentCloudException e) when (e is not TencentCloudOutcomeUnknownException && CvmRejections.ToProblem(e, image.ImageId, job.Bucket) is { } problem)
        {
            rejected = Catalog.Format(Language.English, "reason.cvmRejected", ("problem", problem.Message), ("code", e.Code));
        }
        catch (Exception e) when (e is TencentCloudException or HttpRequestException)
        {
            imageLog.Warning("Could not check the unknown submission of {ImageId} this time: {Reason}", image.ImageId, e.Message);
            return job;
        }

        var since = image.SubmissionChangedAt;
        bool Unchanged(JobRecord j) => j.Image(image.ImageId) is { } i && i.Submission == image.Submission && i.SubmissionChangedAt == since && i.UnknownResubmissions == image.UnknownResubmissions;

        if (busy is not null || rejected is not null)
        {
            var e = busy is not null
                ? new JobEvent { Type = JobEventTypes.SubmitResolved, At = time.GetUtcNow(), ImageIds = [image.ImageId], Reason = busy }
                : new JobEvent { Type = JobEventTypes.ImageFailed, At = time.GetUtcNow(), ImageIds = [image.ImageId], Reason = rejected };
            var result = await store.AppendAsync(job.JobId, job, j => Unchanged(j) ? e : null, cancellationToken).ConfigureAwait(false);
            imageLog.Information("Unknown submission of {ImageId} resolved: {Resolution}", image.ImageId, busy ?? rejected);
            return result.Job ?? job;
        }

        // "Idle" rules out a running export, not one that ended between this tick's listing and CVM's answer: its files
        // are in the bucket by now (a listing shows every object COS has acknowledged), so look once more before a
        // second export of the same image is started.
        var (late, _) = await ListAsync(job.Bucket, ExportPaths.ListPrefix(job.Prefix, image.ImageId), cancellationToken).ConfigureAwait(false);
        if (late.Count > 0)
        {
            var resolved = await store.AppendAsync(job.JobId, job, j => Unchanged(j)
                ? new JobEvent { Type = JobEventTypes.SubmitResolved, At = time.GetUtcNow(), ImageIds = [image.ImageId], Reason = Catalog.Text(Language.English, "reason.filesAppearing") }
                : null, cancellationToken).ConfigureAwait(false);
            imageLog.Information("Unknown submission of {ImageId} resolved: its files appeared while CVM was asked", image.ImageId);
            return resolved.Job ?? job;
        }

        var claim = await store.AppendAsync(job.JobId, job, j => Unchanged(j)
            ? new JobEvent { Type = JobEventTypes.Resubmitting, At = time.GetUtcNow(), ImageIds = [image.ImageId] }
            : null, cancellationToken).ConfigureAwait(false);
        if (claim.Written is null)
        {
            return claim.Job ?? job;
        }

        imageLog.Warning("No sign of the export of {ImageId} after {Grace}; CVM reports the image idle, so it is submitted again ({Resubmission} of at most {Limit})",
            image.ImageId, settings.UnknownSubmitGrace, image.UnknownResubmissions + 1, settings.UnknownResubmitLimit);
        return await submitter.CallAsync(claim.Job!, image.ImageId, cancellationToken).ConfigureAwait(false);
    }
}
