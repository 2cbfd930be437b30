using System.Security.Cryptography;
using System.Text;
using ImageExport.Core.Configuration;
using ImageExport.Core.Http;
using ImageExport.Core.Jobs;
using ImageExport.Core.Json;
using ImageExport.Core.Rules;
using ImageExport.Core.State;
using ImageExport.Core.Submission;
using ImageExport.Core.Texts;
using ImageExport.Scf.Events;
using Serilog;

namespace ImageExport.Core.Start;

/// <summary>
/// <c>POST /exports</c>: checks every rule, records the job, then starts the exports. A rejected request or a dry
/// run records nothing; the job is stored before ExportImages is called, so a crash in between is reconciled.
/// </summary>
internal sealed class StartExport(
    ImageExportSettings settings,
    ExportChecks checks,
    JobStore store,
    PathIndex paths,
    Submitter submitter,
    TimeProvider time)
{
    private const int MaxIdempotencyKeyLength = 255;

    public Task<HttpTriggerResponse> HandleAsync(ApiRequest request, ILogger log, CancellationToken cancellationToken) =>
        HandleAsync(request, null, log, cancellationToken);

    /// <summary>As <c>POST /exports</c>; a run of a schedule (Schedules/ScheduledStart.cs) also marks the job it creates.</summary>
    public async Task<HttpTriggerResponse> HandleAsync(ApiRequest request, Schedules.ScheduleMark? schedule, ILogger log, CancellationToken cancellationToken)
    {
        var language = request.Language(settings.Language);
        if (request.Body is null) return ApiResponses.BadRequest([new FieldError("body", "field.body.base64")], language);
        if (request.Body.Length > settings.MaxBodyBytes || request.EncodedBodyLength > settings.MaxBodyBytes * 2)
        {
            return ApiResponses.Error(413, "PayloadTooLarge",
                LocalText.Of("api.payloadTooLarge", ("max", settings.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))), language);
        }

        var (parsed, errors) = ExportRequestParser.Parse(request.Body, settings);
        if (parsed is null) return ApiResponses.BadRequest(errors, language);

        var idempotencyKey = request.Header("Idempotency-Key");
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl)))
        {
            return ApiResponses.BadRequest(
                [new FieldError("Idempotency-Key", "field.idempotencyKey", ("max", MaxIdempotencyKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture)))], language);
        }
        // A dry run records nothing, so it has nothing to replay either.
        var idempotency = parsed.DryRun || idempotencyKey is null ? null : new IdempotencyClaim(idempotencyKey, parsed.Canonical());

        // A replay is answered from the record before any check: the images are busy exporting by now.
        var earlier = idempotency is null ? null : await store.State.GetAsync(idempotency.StoreKey, CoreJson.Default.IdempotencyRecord, cancellationToken).ConfigureAwait(false);
        if (earlier is not null)
        {
            if (earlier.RequestHash != idempotency!.RequestHash) return Conflict(earlier.JobId, language);
            var replayed = await store.ReadAsync(earlier.JobId, cancellationToken).ConfigureAwait(false);
            if (replayed is not null) return Accepted(replayed, replay: true);
        }

        var jobId = earlier?.JobId ?? JobIds.New(time.GetUtcNow());
        var prefix = parsed.Prefix ?? jobId;
        // The running exports are counted (one LIST of active/, no write) while CVM and COS are asked, not after them:
        // the count only matters if the request passes, and then it saves a round trip.
        var counting = parsed.DryRun || settings.MaxConcurrentExports <= 0 ? null : store.ListActiveEntriesAsync(cancellationToken);
        CheckOutcome outcome;
        try
        {
            outcome = await checks.RunAsync(parsed, prefix, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Abandon(counting);
            throw;
        }
        if (parsed.DryRun) return DryRun(parsed, outcome, language);
        if (!outcome.Ok)
        {
            Abandon(counting);
            // A concurrent request with the same key started the job while this one was checking (its images now busy).
            // That includes the case where its idempotency record was already there at the start but its job was not yet.
            if (idempotency is not null && await ReplayAsync(idempotency, language, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return raced;
            }
            log.Information("Export request rejected: {ProblemCodes}", outcome.All.Select(p => p.Code).Distinct().ToList());
            return ApiResponses.ValidationFailed(outcome.All, language);
        }

        if (idempotency is not null && earlier is null)
        {
            var record = new IdempotencyRecord(jobId, idempotency.RequestHash, time.GetUtcNow());
            if (!await store.State.TryCreateAsync(idempotency.StoreKey, record, CoreJson.Default.IdempotencyRecord, cancellationToken).ConfigureAwait(false))
            {
                // A concurrent request with the same key won: answer with its job, never start a second one.
                var winner = await store.State.GetAsync(idempotency.StoreKey, CoreJson.Default.IdempotencyRecord, cancellationToken).ConfigureAwait(false);
                if (winner is null || winner.RequestHash != idempotency.RequestHash)
                {
                    Abandon(counting);
                    return Conflict(winner?.JobId, language);
                }
                jobId = winner.JobId;
                prefix = parsed.Prefix ?? jobId;
            }
        }

        var jobLog = log.ForContext("JobId", jobId);
        var active = counting is null ? null : await counting.ConfigureAwait(false);
        var job = (await NewJobAsync(jobId, prefix, parsed, outcome, active, cancellationToken).ConfigureAwait(false)) with { Schedule = schedule };
        // Every image's predicted names at once, alongside the job's active key and index entry; all are stored before
        // the job, so before any ExportImages.
        var recordingPaths = Task.WhenAll(job.Images.Select(image => paths.RecordAsync(job.Bucket, image.Files.Select(f => f.Key), jobId, image.ImageId, cancellationToken)));
        // The job's first event claims the images there are slots for: storing it is what entitles this request to submit them.
        var toSubmit = job.Images.Where(i => i.QueueReason is null).Select(i => i.ImageId).ToList();
        var (stored, created) = await store.CreateAsync(job, toSubmit, recordingPaths, cancellationToken).ConfigureAwait(false);
        if (!created)
        {
            // Another request created this job first (same idempotency key): it submits, this one only answers.
            return Accepted(stored, replay: true);
        }
        jobLog.Information("Job {JobId} recorded: {ImageCount} image(s) to {Bucket}/{Prefix} as {Format}", jobId, job.Images.Count, job.Bucket, job.Prefix, job.Format);

        var current = toSubmit.Count == 0 ? stored : await submitter.SubmitClaimedAsync(stored, toSubmit, cancellationToken).ConfigureAwait(false);
        return Accepted(current, replay: false);
    }

    private async Task<HttpTriggerResponse?> ReplayAsync(IdempotencyClaim idempotency, Language language, CancellationToken cancellationToken)
    {
        var record = await store.State.GetAsync(idempotency.StoreKey, CoreJson.Default.IdempotencyRecord, cancellationToken).ConfigureAwait(false);
        if (record is null) return null;
        if (record.RequestHash != idempotency.RequestHash) return Conflict(record.JobId, language);
        var job = await store.ReadAsync(record.JobId, cancellationToken).ConfigureAwait(false);
        return job is null ? null : Accepted(job, replay: true);
    }

    // A count read for a request that was then refused is not needed; its failure, if any, is not this request's.
    private static void Abandon(Task? counting) =>
        counting?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task<JobRecord> NewJobAsync(string jobId, string prefix, ExportRequest request, CheckOutcome outcome, IReadOnlyList<ActiveEntry>? active, CancellationToken cancellationToken)
    {
        // Older queued images go first; this job takes only the slots nobody is waiting for.
        var free = int.MaxValue;
        var running = 0;
        if (active is not null)
        {
            // The active keys carry each job's running and queued counts: one LIST per 1,000 jobs, no job read.
            var queued = 0;
            var (current, _) = JobStore.Current(active);
            foreach (var entry in current)
            {
                if (!entry.IsLegacy)
                {
                    running += entry.Running;
                    queued += entry.Queued;
                }
                else if (await store.ReadAsync(entry.JobId, cancellationToken).ConfigureAwait(false) is { } other)
                {
                    // A key from before the counts were kept in it.
                    running += Capacity.Running([other]);
                    queued += Capacity.Queued([other]);
                }
            }
            free = Math.Max(0, Capacity.Free(settings.MaxConcurrentExports, running) - queued);
        }

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

    private HttpTriggerResponse DryRun(ExportRequest request, CheckOutcome outcome, Language language)
    {
        var verdicts = request.ImageIds.Select(id =>
        {
            outcome.Images.TryGetValue(id, out var image);
            var problems = outcome.For(id);
            return new ImageVerdict
            {
                ImageId = id,
                ImageName = image?.ImageName,
                OsName = image?.OsName,
                Exportable = problems.Count == 0 && outcome.BucketProblems.Count == 0,
                Problems = problems.Select(p => p.In(language)).ToList(),
            };
        }).ToList();
        return ApiResponses.Localized(ApiResponses.Json(200, new DryRunView
        {
            Exportable = outcome.Ok,
            Bucket = request.Bucket,
            Region = settings.Region,
            Format = request.Format,
            Images = verdicts,
            Problems = outcome.BucketProblems.Select(p => p.In(language)).ToList(),
        }, CoreJson.Default.DryRunView), language);
    }

    private static HttpTriggerResponse Accepted(JobRecord job, bool replay)
    {
        var response = ApiResponses.Json(202, JobView.From(job), CoreJson.Default.JobView);
        response.Headers["Location"] = $"/exports/{job.JobId}";
        if (replay) response.Headers["Idempotent-Replayed"] = "true";
        return response;
    }

    private static HttpTriggerResponse Conflict(string? jobId, Language language) =>
        ApiResponses.Localized(ApiResponses.Json(409, new ErrorEnvelope(new ErrorBody
        {
            Code = "IdempotencyConflict",
            Message = Catalog.Text(language, "api.idempotencyConflict"),
            JobId = jobId,
        }), CoreJson.Default.ErrorEnvelope), language);

    private sealed record IdempotencyClaim(string Key, string Canonical)
    {
        public string StoreKey { get; } = "idempotency/" + Hash(Key);
        public string RequestHash { get; } = Hash(Canonical);

        private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }
}
