using ImageExport.Core.Configuration;
using ImageExport.Core.Http;
using ImageExport.Core.Jobs;
using ImageExport.Core.Rules;
using ImageExport.Core.Submission;
using ImageExport.Core.Texts;
using Serilog;

namespace ImageExport.Core.Start;

/// <summary>
/// Starts an export: checks every rule, records the job, then starts the exports. A rejected request or a dry run
/// records nothing; the job is stored before ExportImages is called, so a crash in between is reconciled. Knows no
/// HTTP: it answers with a <see cref="StartOutcome"/>, which <see cref="StartHandler"/> turns into the API's answer.
/// </summary>
internal sealed class StartExport(
    ImageExportSettings settings,
    ExportChecks checks,
    JobStore store,
    IdempotencyKeys idempotencyKeys,
    PathIndex paths,
    Submitter submitter,
    TimeProvider time)
{
    /// <summary>
    /// Starts the export <paramref name="request"/> asks for (a dry run only checks). With an
    /// <paramref name="idempotencyKey"/>, a repeat of the same request (same key, same fields but dryRun) is answered with
    /// the first one's job and starts nothing; the same key with other fields is a conflict.
    /// </summary>
    public async Task<StartOutcome> StartAsync(ExportRequest request, string? idempotencyKey, StartCaller caller, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(log);
        if (idempotencyKey is not null && !IdempotencyKeys.IsValid(idempotencyKey))
        {
            return new StartOutcome.Invalid(
                [new FieldError("Idempotency-Key", "field.idempotencyKey", ("max", IdempotencyKeys.MaxKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        }
        var callerLog = caller == StartCaller.Api ? log : log.ForContext("Caller", caller.Name);
        // A dry run records nothing, so it has nothing to replay either.
        var idempotency = request.DryRun || idempotencyKey is null ? null : new IdempotencyClaim(idempotencyKey, request.Canonical());

        // A replay is answered from the record before any check: the images are busy exporting by now.
        var earlier = idempotency is null ? null : await idempotencyKeys.FindAsync(idempotency, cancellationToken).ConfigureAwait(false);
        if (earlier is not null)
        {
            if (!idempotency!.Matches(earlier))
            {
                return new StartOutcome.Conflict(earlier.JobId);
            }

            var replayed = await store.ReadAsync(earlier.JobId, cancellationToken).ConfigureAwait(false);
            if (replayed is not null)
            {
                return new StartOutcome.Replayed(replayed);
            }
        }

        var jobId = earlier?.JobId ?? JobIds.New(time.GetUtcNow());
        var prefix = request.Prefix ?? jobId;
        // The running exports are counted (one LIST of active/, no write) while CVM and COS are asked, not after them:
        // the count only matters if the request passes, and then it saves a round trip.
        var counting = request.DryRun || settings.MaxConcurrentExports <= 0 ? null : store.ListActiveEntriesAsync(cancellationToken);
        CheckOutcome outcome;
        try
        {
            outcome = await checks.RunAsync(request, prefix, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Abandon(counting);
            throw;
        }
        if (request.DryRun)
        {
            return new StartOutcome.Checked(request, outcome);
        }

        if (!outcome.Ok)
        {
            Abandon(counting);
            // A concurrent request with the same key started the job while this one was checking (its images now busy).
            // That includes the case where its idempotency record was already there at the start but its job was not yet.
            if (idempotency is not null && await ReplayAsync(idempotency, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return raced;
            }
            callerLog.Information("Export request rejected: {ProblemCodes}", outcome.All.Select(p => p.Code).Distinct().ToList());
            return new StartOutcome.Refused(outcome.All);
        }

        if (idempotency is not null && earlier is null && !await idempotencyKeys.TryRecordAsync(idempotency, jobId, cancellationToken).ConfigureAwait(false))
        {
            // A concurrent request with the same key won: answer with its job, never start a second one.
            var winner = await idempotencyKeys.FindAsync(idempotency, cancellationToken).ConfigureAwait(false);
            if (winner is null || !idempotency.Matches(winner))
            {
                Abandon(counting);
                return new StartOutcome.Conflict(winner?.JobId);
            }
            jobId = winner.JobId;
            prefix = request.Prefix ?? jobId;
        }

        var jobLog = callerLog.ForContext("JobId", jobId);
        var active = counting is null ? null : await counting.ConfigureAwait(false);
        var job = (await NewJobAsync(jobId, prefix, request, outcome, active, cancellationToken).ConfigureAwait(false)) with { Schedule = caller.Schedule };
        // Every image's predicted names at once, alongside the job's active key and index entry; all are stored before
        // the job, so before any ExportImages.
        var recordingPaths = Task.WhenAll(job.Images.Select(image => paths.RecordAsync(job.Bucket, image.Files.Select(f => f.Key), jobId, image.ImageId, cancellationToken)));
        // The job's first event claims the images there are slots for: storing it is what entitles this request to submit them.
        var toSubmit = job.Images.Where(i => i.QueueReason is null).Select(i => i.ImageId).ToList();
        var (stored, created) = await store.CreateAsync(job, toSubmit, recordingPaths, cancellationToken).ConfigureAwait(false);
        if (!created)
        {
            // Another request created this job first (same idempotency key): it submits, this one only answers.
            return new StartOutcome.Replayed(stored);
        }
        jobLog.Information("Job {JobId} recorded: {ImageCount} image(s) to {Bucket}/{Prefix} as {Format}", jobId, job.Images.Count, job.Bucket, job.Prefix, job.Format);

        var current = toSubmit.Count == 0 ? stored : await submitter.SubmitClaimedAsync(stored, toSubmit, cancellationToken).ConfigureAwait(false);
        return new StartOutcome.Started(current);
    }

    private async Task<StartOutcome?> ReplayAsync(IdempotencyClaim idempotency, CancellationToken cancellationToken)
    {
        var record = await idempotencyKeys.FindAsync(idempotency, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        if (!idempotency.Matches(record))
        {
            return new StartOutcome.Conflict(record.JobId);
        }

        var job = await store.ReadAsync(record.JobId, cancellationToken).ConfigureAwait(false);
        return job is null ? null : new StartOutcome.Replayed(job);
    }

    // A count read for a request that was then refused is not needed; its failure, if any, is not this request's.
    private static void Abandon(Task? counting) =>
        counting?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task<JobRecord> NewJobAsync(string jobId, string prefix, ExportRequest request, CheckOutcome outcome, IReadOnlyList<ActiveEntry>? active, CancellationToken cancellationToken)
    {
        // Older queued images go first; this job takes only the slots nobody is waiting for.
        var load = active is null ? default : await Capacity.CountAsync(JobStore.Current(active).Current, null, store.ReadAsync, cancellationToken).ConfigureAwait(false);
        var free = active is null ? int.MaxValue : Capacity.FreeForNewJob(settings.MaxConcurrentExports, load);
        var running = load.Running;

        var now = time.GetUtcNow();
        var images = new List<ImageRecord>();
        foreach (var imageId in request.ImageIds)
        {
            var image = outcome.Images[imageId];
            var disks = ImageRules.ExportedDisks(image, request.OnlyRootDisk);
            images.Add(new ImageRecord
            {
                ImageId = imageId,
                ImageName = image.ImageName,
                OsName = image.OsName,
                SizeGiB = disks.Sum(d => d.SizeGiB),
                Disks = disks,
                State = JobStates.Queued,
                Files = ExportPaths.Predict(prefix, imageId, request.Format, disks).Select(k => new FileRecord { Key = k, State = FileStates.Pending }).ToList(),
                QueueReason = images.Count < free
                    ? null
                    : Catalog.Format(Language.English, "reason.waitingForSlot",
                        ("running", running.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        ("max", settings.MaxConcurrentExports.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            });
        }
        return new JobRecord
        {
            JobId = jobId,
            State = JobStates.Queued,
            CreatedAt = now,
            UpdatedAt = now,
            Bucket = request.Bucket,
            Region = settings.Region,
            Prefix = prefix,
            Format = request.Format,
            OnlyRootDisk = request.OnlyRootDisk,
            RoleName = request.RoleName,
            Images = images,
        };
    }
}
