using System.Globalization;
using ImageExport.Core.Json;
using ImageExport.Core.State;
using Serilog;

namespace ImageExport.Core.Jobs;

/// <summary>
/// Jobs as event logs on COS: <c>jobs/&lt;jobId&gt;/&lt;seq&gt;-&lt;type&gt;.json</c>, each created once. A writer reads the latest
/// event, decides, and creates the next sequence number; losing that race (409) means re-reading and deciding again.
/// Each event also stores the job it produced, so reading a job costs one LIST and one GET whatever its history.
/// </summary>
internal sealed class JobStore(StateStore state, ILogger log)
{
    private const int MaxAppendAttempts = 10;

    public StateStore State => state;

    public static string EventsPrefix(string jobId) => $"jobs/{jobId}/";

    public static string EventKey(string jobId, int seq, string type) =>
        $"jobs/{jobId}/{seq.ToString("D6", CultureInfo.InvariantCulture)}-{type}.json";

    public static string ActiveKey(string jobId) => $"active/{jobId}";

    public async Task<JobRecord?> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        var events = await state.ListAsync(EventsPrefix(jobId), cancellationToken).ConfigureAwait(false);
        if (events.Count == 0) return null;
        // Zero-padded sequence numbers make the last key the latest event.
        var latest = events.Select(e => e.Key).Max(StringComparer.Ordinal)!;
        var stored = await state.GetAsync(latest, CoreJson.Default.StoredEvent, cancellationToken).ConfigureAwait(false);
        return stored?.Job;
    }

    /// <summary>
    /// Records a new job: its active marker and index entry first (harmless if the job write never follows), then
    /// the requested event. Returns the stored job, and whether this call created it (false: an earlier writer did).
    /// </summary>
    public async Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, CancellationToken cancellationToken)
    {
        await state.TryCreateAsync(ActiveKey(job.JobId), new ActiveMarker(job.JobId, job.CreatedAt), CoreJson.Default.ActiveMarker, cancellationToken).ConfigureAwait(false);
        await state.TryCreateAsync(IndexKey(job), new IndexEntry(job.JobId, job.CreatedAt), CoreJson.Default.IndexEntry, cancellationToken).ConfigureAwait(false);
        var first = job with { Seq = 1 };
        var requested = new JobEvent { Type = JobEventTypes.Requested, At = job.CreatedAt };
        if (await state.TryCreateAsync(EventKey(job.JobId, 1, requested.Type), new StoredEvent(1, requested, first), CoreJson.Default.StoredEvent, cancellationToken).ConfigureAwait(false))
        {
            return (first, true);
        }
        return (await ReadAsync(job.JobId, cancellationToken).ConfigureAwait(false) ?? first, false);
    }

    /// <summary>
    /// Appends the event <paramref name="decide"/> returns for the latest job (null: nothing to change), retrying on
    /// a lost race with a fresh read. <paramref name="known"/> is a record the caller just read or wrote; deciding on it
    /// saves the read, and a stale one only costs a lost race. The result holds the job after the append (or as
    /// last read; null when the job does not exist) and the event this call wrote, if any.
    /// </summary>
    public async Task<AppendResult> AppendAsync(string jobId, JobRecord? known, Func<JobRecord, JobEvent?> decide, CancellationToken cancellationToken)
    {
        var job = known;
        for (var attempt = 1; attempt <= MaxAppendAttempts; attempt++)
        {
            job ??= await ReadAsync(jobId, cancellationToken).ConfigureAwait(false);
            if (job is null) return new AppendResult(null, null);
            var e = decide(job);
            if (e is null) return new AppendResult(job, null);
            var next = JobFold.Apply(job, e);
            if (await state.TryCreateAsync(EventKey(jobId, next.Seq, e.Type), new StoredEvent(next.Seq, e, next), CoreJson.Default.StoredEvent, cancellationToken).ConfigureAwait(false))
            {
                log.Debug("Job {JobId} event {Seq} {EventType}: {JobState}", jobId, next.Seq, e.Type, next.State);
                return new AppendResult(next, e);
            }
            log.Debug("Job {JobId} event {Seq} lost a race; re-reading", jobId, next.Seq);
            job = null;
        }
        throw new InvalidOperationException($"Job {jobId}: gave up after {MaxAppendAttempts} concurrent-write conflicts");
    }

    /// <summary>Active job IDs, oldest first (job IDs sort by creation time).</summary>
    public async Task<IReadOnlyList<string>> ListActiveAsync(CancellationToken cancellationToken)
    {
        var markers = await state.ListAsync("active/", cancellationToken).ConfigureAwait(false);
        return markers.Select(m => m.Key["active/".Length..]).Where(JobIds.IsValid).Order(StringComparer.Ordinal).ToList();
    }

    public Task RemoveActiveAsync(string jobId, CancellationToken cancellationToken) =>
        state.DeleteAsync(ActiveKey(jobId), cancellationToken);

    // Inverted milliseconds make the newest job list first.
    private static string IndexKey(JobRecord job) =>
        $"index/{(9_999_999_999_999 - job.CreatedAt.ToUnixTimeMilliseconds()).ToString("D13", CultureInfo.InvariantCulture)}-{job.JobId}";
}

/// <summary>The job after an append, and the event that call wrote (null when it had nothing to change).</summary>
internal sealed record AppendResult(JobRecord? Job, JobEvent? Written);
