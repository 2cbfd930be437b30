using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Notifications.Delivery;
using ImageExport.Core.Storage;
using ImageExport.TencentCloud.Cos;
using Serilog;

namespace ImageExport.Core.Progress;

/// <summary>
/// The poll's progress pass: each exporting job at most once a tick, the ones sampled longest ago first (one LIST of
/// <c>progress/</c> per 1,000 jobs says when), until the tick runs short of time. A job costs its read (LIST + GET,
/// none when the tick just reconciled it), a GET of its record, one ListMultipartUploads of its prefix, a ListParts per
/// open upload of its files, and a PUT: never a request per file per tick beyond the uploads actually running.
/// A failed read leaves the record as it was: progress may be stale, never wrong.
/// </summary>
internal sealed class ProgressSampler(
    ImageExportSettings settings,
    JobStore store,
    StateStore state,
    ProgressObserver observer,
    NotificationDelivery delivery,
    NotificationFactory factory,
    ICosApi cos,
    TimeProvider time,
    ILogger log)
{
    public const string Prefix = "progress/";

    public static string Key(string jobId) => $"{Prefix}{jobId}.json";

    public static string StalledScope(string jobId, string imageId) => NotificationDelivery.JobScope(jobId, $"{NotificationFactory.Stalled}-{imageId}");

    /// <summary>Samples the exporting jobs among <paramref name="current"/>; <paramref name="read"/> are jobs this tick already read. Returns how many were sampled.</summary>
    public async Task<int> SampleAsync(IReadOnlyList<ActiveEntry> current, IReadOnlyDictionary<string, JobRecord?> read, Func<bool> exhausted, CancellationToken cancellationToken)
    {
        if (!settings.ProgressEnabled)
        {
            return 0;
        }

        var exporting = current.Where(e => e.Running > 0 || e.IsLegacy).Select(e => e.JobId).ToHashSet(StringComparer.Ordinal);
        var records = await state.ListAsync(Prefix, cancellationToken).ConfigureAwait(false);
        var sampledAt = records.ToDictionary(r => JobIdOf(r.Key), r => r.LastModified ?? DateTimeOffset.MinValue, StringComparer.Ordinal);

        var sampled = 0;
        foreach (var jobId in exporting.OrderBy(id => sampledAt.GetValueOrDefault(id, DateTimeOffset.MinValue)).ThenBy(id => id, StringComparer.Ordinal))
        {
            if (exhausted())
            {
                break;
            }

            try
            {
                await SampleJobAsync(jobId, read.GetValueOrDefault(jobId), cancellationToken).ConfigureAwait(false);
                sampled++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log.ForContext("JobId", jobId).Warning("Sampling the progress of job {JobId} failed; its progress stays as last seen: {ErrorType}: {Reason}", jobId, e.GetType().Name, e.Message);
            }
        }

        // Records of jobs that left active/ are of no further use (landed files carry their own sizes).
        foreach (var done in sampledAt.Keys.Where(id => !current.Any(e => e.JobId == id)).ToList())
        {
            if (exhausted())
            {
                break;
            }

            await state.DeleteAsync(Key(done), cancellationToken).ConfigureAwait(false);
        }
        return sampled;
    }

    private async Task SampleJobAsync(string jobId, JobRecord? known, CancellationToken cancellationToken)
    {
        var job = known ?? await store.ReadAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null || job.IsTerminal || !job.Images.Any(i => i.State == JobStates.Exporting))
        {
            return;
        }

        var previous = await state.GetAsync(Key(jobId), ProgressJson.Default.ProgressRecord, cancellationToken).ConfigureAwait(false);
        var samples = await observer.ObserveAsync(job, cancellationToken).ConfigureAwait(false);
        if (samples is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var record = ProgressMath.Advance(previous, job, samples, now);
        // Nothing uploading and nothing seen before: no record to write (an export that has not begun writing costs no PUT).
        if (previous is not null || record.Files.Count > 0)
        {
            await state.PutAsync(Key(jobId), record, ProgressJson.Default.ProgressRecord, cancellationToken).ConfigureAwait(false);
        }

        // An upload seen before and gone now either completed (the file exists: land it, the trigger may be late or
        // lost) or was aborted; only then may its silence count towards a stall.
        var vanished = ProgressObserver.WantedKeys(job).Where(k => !samples.ContainsKey(k) && previous?.File(k) is not null).ToList();
        if (vanished.Count > 0)
        {
            job = await LandIfPresentAsync(job, vanished, cancellationToken).ConfigureAwait(false);
        }

        foreach (var image in job.Images.Where(i => i.State == JobStates.Exporting).ToList())
        {
            var result = await store.AppendAsync(job.JobId, job, j => j.Image(image.ImageId) is { } current ? StallRule.Decide(settings, current, record, now) : null, cancellationToken).ConfigureAwait(false);
            job = result.Job ?? job;
            if (result.Written is { } e)
            {
                var imageLog = log.ForContext("JobId", job.JobId).ForContext("ImageId", image.ImageId);
                if (e.Type == JobEventTypes.Stalled)
                {
                    imageLog.Warning("Job {JobId}: export of {ImageId} stalled: no new bytes since {LastProgressAt}", job.JobId, image.ImageId, e.LastProgressAt);
                }
                else
                {
                    imageLog.Information("Job {JobId}: export of {ImageId} is progressing again", job.JobId, image.ImageId);
                }
            }
        }

        foreach (var image in job.Images.Where(i => i.State == JobStates.Exporting && i.Stalled))
        {
            var current = image;
            await delivery.DeliverAsync(StalledScope(job.JobId, image.ImageId), () => factory.ForStalled(job, current), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JobRecord> LandIfPresentAsync(JobRecord job, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var present = new List<LandedFile>();
        foreach (var key in keys)
        {
            if (await cos.HeadObjectAsync(job.Bucket, key, cancellationToken).ConfigureAwait(false) is { } info)
            {
                present.Add(new LandedFile(key, info.Size));
            }
        }
        if (present.Count == 0)
        {
            return job;
        }

        var result = await store.AppendAsync(job.JobId, job, j =>
        {
            var pending = j.Images.Where(i => i.State == JobStates.Exporting).SelectMany(i => i.Files).Where(f => f.State == FileStates.Pending).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            var landing = present.Where(f => pending.Contains(f.Key)).ToList();
            return landing.Count == 0 ? null : new JobEvent { Type = JobEventTypes.FilesLanded, At = time.GetUtcNow(), Files = landing };
        }, cancellationToken).ConfigureAwait(false);
        if (result.Written is not null)
        {
            log.Information("Job {JobId}: {FileCount} file(s) found landed when their uploads completed", job.JobId, present.Count);
        }

        return result.Job ?? job;
    }

    private static string JobIdOf(string key) => key[Prefix.Length..].Replace(".json", "", StringComparison.Ordinal);
}
