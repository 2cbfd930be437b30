using ImageExport.Core.Jobs;
using ImageExport.Core.Rules;
using ImageExport.Core.Texts;
using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Cvm;
using Serilog;

namespace ImageExport.Core.Submission;

/// <summary>
/// Starts exports, one image per ExportImages call so one image's failure or queueing leaves the others alone.
/// An image is claimed by a stored <c>submitting</c> event before CVM is called; only the writer that stored the
/// claim calls, so overlapping handlers never export an image twice.
/// </summary>
internal sealed class Submitter(ICvmApi cvm, JobStore store, PathIndex paths, TimeProvider time, ILogger log)
{
    private static readonly string LimitReason = Catalog.Text(Language.English, "reason.limitReached");
    private static readonly string ThrottledReason = Catalog.Text(Language.English, "reason.throttled");

    private static bool IsThrottled(TencentCloudException e) => e.Code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal);

    public static ExportImagesRequest Request(string bucket, string imageId, string format, string prefix, bool onlyRootDisk, string roleName, bool dryRun) => new()
    {
        BucketName = bucket,
        ImageIds = [imageId],
        ExportFormat = format.ToUpperInvariant(),
        FileNamePrefixList = [prefix],
        OnlyExportRootDisk = onlyRootDisk,
        RoleName = roleName,
        DryRun = dryRun,
    };

    /// <summary>Claims those of <paramref name="imageIds"/> still queued and submits them; returns the latest job.</summary>
    public async Task<JobRecord> SubmitQueuedAsync(JobRecord job, IReadOnlyList<string> imageIds, CancellationToken cancellationToken)
    {
        var claim = await store.AppendAsync(job.JobId, job, j =>
        {
            var ids = imageIds.Where(id => j.Image(id) is { State: JobStates.Queued }).ToList();
            return ids.Count == 0 ? null : new JobEvent { Type = JobEventTypes.Submitting, At = time.GetUtcNow(), ImageIds = ids };
        }, cancellationToken).ConfigureAwait(false);
        return await SubmitClaimedAsync(claim.Job ?? job, claim.Written?.ImageIds ?? [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits images this caller has claimed (a stored <c>submitting</c> or <c>requested</c> event); returns the latest job.</summary>
    public async Task<JobRecord> SubmitClaimedAsync(JobRecord job, IReadOnlyList<string> imageIds, CancellationToken cancellationToken)
    {
        var current = job;
        var limitReached = false;
        foreach (var imageId in imageIds)
        {
            if (limitReached)
            {
                // Tencent just refused one for its running-task limit; the next call would only be refused too.
                current = await RecordAsync(current, imageId, new JobEvent { Type = JobEventTypes.Queued, At = time.GetUtcNow(), ImageIds = [imageId], Reason = LimitReason }).ConfigureAwait(false);
                continue;
            }
            current = await CallAsync(current, imageId, cancellationToken).ConfigureAwait(false);
            limitReached = current.Image(imageId) is { State: JobStates.Queued };
        }
        return current;
    }

    /// <summary>Calls ExportImages for an image this caller has claimed, and records what came of it.</summary>
    public async Task<JobRecord> CallAsync(JobRecord job, string imageId, CancellationToken cancellationToken)
    {
        var image = job.Image(imageId)!;
        var imageLog = log.ForContext("ImageId", imageId);
        JobEvent outcome;
        try
        {
            var response = await cvm.ExportImagesAsync(Request(job.Bucket, imageId, job.Format, job.Prefix, job.OnlyRootDisk, job.RoleName, dryRun: false), cancellationToken).ConfigureAwait(false);
            // The index must know the keys before the job says they are expected, or an early COS event would look unknown.
            await paths.RecordAsync(job.Bucket, response.CosPaths.Select(ExportPaths.KeyOf), job.JobId, imageId, CancellationToken.None).ConfigureAwait(false);
            imageLog.Information("Export of {ImageId} started: task {TaskId}, {FileCount} file(s)", imageId, response.TaskId, response.CosPaths.Count);
            outcome = new JobEvent { Type = JobEventTypes.Submitted, At = time.GetUtcNow(), ImageIds = [imageId], TaskId = response.TaskId, CosPaths = response.CosPaths };
        }
        catch (TencentCloudOutcomeUnknownException e)
        {
            imageLog.Warning("Export of {ImageId}: outcome unknown ({Reason}); the poll will reconcile", imageId, e.ErrorMessage);
            outcome = new JobEvent { Type = JobEventTypes.SubmitUnknown, At = time.GetUtcNow(), ImageIds = [imageId], Reason = e.ErrorMessage };
        }
        catch (TencentCloudException e) when (e.Code == CvmRejections.LimitExceeded && image.UnknownResubmissions == 0)
        {
            imageLog.Information("Export of {ImageId} queued: Tencent's limit of running exports is reached", imageId);
            outcome = new JobEvent { Type = JobEventTypes.Queued, At = time.GetUtcNow(), ImageIds = [imageId], Reason = LimitReason };
        }
        catch (TencentCloudException e) when (IsThrottled(e) && image.UnknownResubmissions == 0)
        {
            // Still throttled after the client's retries: CVM certainly did not start it, so it waits for the next tick.
            imageLog.Warning("Export of {ImageId} queued: CVM throttled every attempt ({Code})", imageId, e.Code);
            outcome = new JobEvent { Type = JobEventTypes.Queued, At = time.GetUtcNow(), ImageIds = [imageId], Reason = ThrottledReason };
        }
        catch (TencentCloudException e) when (image.UnknownResubmissions > 0 && (e.Code is CvmRejections.LimitExceeded or CvmRejections.ImageBusy || IsThrottled(e)))
        {
            // After an unknown outcome these do not prove the first call failed: keep waiting for its files.
            imageLog.Information("Resubmission of {ImageId} refused ({Code}); waiting for the first export's files", imageId, e.Code);
            outcome = new JobEvent { Type = JobEventTypes.SubmitUnknown, At = time.GetUtcNow(), ImageIds = [imageId], Reason = Catalog.Format(Language.English, "reason.resubmissionRefused", ("code", e.Code)) };
        }
        catch (TencentCloudException e)
        {
            var problem = CvmRejections.ToProblem(e, imageId, job.Bucket);
            var reason = problem is null
                ? Catalog.Format(Language.English, "reason.exportFailed", ("code", e.Code), ("message", e.ErrorMessage))
                : Catalog.Format(Language.English, "reason.cvmRejected", ("problem", problem.Message), ("code", e.Code));
            imageLog.Warning("Export of {ImageId} failed: {Reason}", imageId, reason);
            outcome = new JobEvent { Type = JobEventTypes.ImageFailed, At = time.GetUtcNow(), ImageIds = [imageId], Reason = reason };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
        {
            // A transport failure after the request may have left: the same as an unknown outcome, never a blind retry.
            imageLog.Warning(e, "Export of {ImageId}: call interrupted; the poll will reconcile", imageId);
            outcome = new JobEvent { Type = JobEventTypes.SubmitUnknown, At = time.GetUtcNow(), ImageIds = [imageId], Reason = Catalog.Format(Language.English, "reason.interrupted", ("error", e.GetType().Name)) };
        }

        return await RecordAsync(job, imageId, outcome).ConfigureAwait(false);
    }

    // Recorded even when the invocation is being cancelled: losing the outcome would leave a stale claim.
    private async Task<JobRecord> RecordAsync(JobRecord job, string imageId, JobEvent outcome)
    {
        var result = await store.AppendAsync(job.JobId, job, j => Applies(j.Image(imageId), outcome) ? outcome : null, CancellationToken.None).ConfigureAwait(false);
        return result.Job ?? job;
    }

    // Only the claim this call made is settled; a record that has moved on (files landed, resolved) is left alone,
    // except that task ID and CosPaths are always worth keeping.
    private static bool Applies(ImageRecord? image, JobEvent outcome) =>
        image is not null && !image.IsTerminal &&
        (outcome.Type == JobEventTypes.Submitted || image.Submission == Submissions.Submitting);
}
