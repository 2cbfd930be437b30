using System.Globalization;
using ImageExport.Core.Storage;
using Serilog;

namespace ImageExport.Core.Jobs;

/// <summary>
/// Jobs as event logs on COS: <c>jobs/&lt;jobId&gt;/&lt;seq&gt;.json</c>, each created once. A writer reads the latest
/// event, decides, and creates the next sequence number; losing that race (409) means re-reading and deciding again.
/// Each event also stores the job it produced, so reading a job costs one LIST and one GET whatever its history.
/// </summary>
internal sealed class JobStore(StateStore state, ILogger log)
{
    private const int MaxAppendAttempts = 10;

    /// <summary>Where every job has an entry, newest first (<see cref="JobListing"/>).</summary>
    public const string IndexPrefix = "index/";

    public static string EventsPrefix(string jobId) => $"jobs/{jobId}/";

    // The key is the sequence number alone: two writers deciding different events at the same number must collide,
    // or both would be stored and a reader would keep only one of them.
    public static string EventKey(string jobId, int seq) =>
        $"jobs/{jobId}/{seq.ToString("D6", CultureInfo.InvariantCulture)}.json";

    /// <summary>The key a job's summary is kept under when it is due at <paramref name="due"/> (see <see cref="ActiveEntry"/>).</summary>
    public static string ActiveKey(JobRecord job, DateTimeOffset? due) => ActiveEntry.For(job, due).Key;

    public async Task<JobRecord?> ReadAsync(string jobId, CancellationToken cancellationToken)
    {
        var events = await state.ListAsync(EventsPrefix(jobId), cancellationToken).ConfigureAwait(false);
        if (events.Count == 0)
        {
            return null;
        }
        // Zero-padded sequence numbers make the last key the latest event.
        var latest = events.Select(e => e.Key).Max(StringComparer.Ordinal)!;
        var stored = await state.GetAsync(latest, JobStoreJson.Default.StoredEvent, cancellationToken).ConfigureAwait(false);
        return stored?.Job;
    }

    /// <summary>
    /// Records a new job: its active marker and index entry first (harmless if the job write never follows), then
    /// the requested event, which claims <paramref name="claim"/> for ExportImages: the caller that created the job
    /// (and only it) submits them, with no separate <c>submitting</c> event. Returns the stored job, and whether this
    /// call created it (false: an earlier writer did, and submits). <paramref name="alongside"/> is other work already
    /// started that must be stored before the job (the path index); it is awaited with the marker and index entry.
    /// </summary>
    public async Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, IReadOnlyList<string> claim, Task? alongside, CancellationToken cancellationToken)
    {
        var requested = new JobEvent { Type = JobEventTypes.Requested, At = job.CreatedAt, ImageIds = claim.Count == 0 ? null : claim };
        var first = JobFold.Apply(job with { Seq = 0 }, requested);
        // Due soon in any case: if the job write never follows, the poll finds the orphan and removes it.
        await Task.WhenAll(
            alongside ?? Task.CompletedTask,
            state.TryCreateAsync(ActiveKey(first, job.CreatedAt), new ActiveMarker(job.JobId, job.CreatedAt), JobStoreJson.Default.ActiveMarker, cancellationToken),
            state.TryCreateAsync(IndexKey(job), new IndexEntry(job.JobId, job.CreatedAt), JobStoreJson.Default.IndexEntry, cancellationToken)).ConfigureAwait(false);
        if (await state.TryCreateAsync(EventKey(job.JobId, 1), new StoredEvent(1, requested, first), JobStoreJson.Default.StoredEvent, cancellationToken).ConfigureAwait(false))
        {
            return (first, true);
        }
        return (await ReadAsync(job.JobId, cancellationToken).ConfigureAwait(false) ?? first, false);
    }

    /// <summary>Records a new job that claims nothing (see the overload).</summary>
    public Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, CancellationToken cancellationToken) => CreateAsync(job, [], null, cancellationToken);

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
            if (job is null)
            {
                return new AppendResult(null, null);
            }

            var e = decide(job);
            if (e is null)
            {
                return new AppendResult(job, null);
            }

            var next = JobFold.Apply(job, e);
            if (await state.TryCreateAsync(EventKey(jobId, next.Seq), new StoredEvent(next.Seq, e, next), JobStoreJson.Default.StoredEvent, cancellationToken).ConfigureAwait(false))
            {
                log.Debug("Job {JobId} event {Seq} {EventType}: {JobState}", jobId, next.Seq, e.Type, next.State);
                if (DuePolicy.RescheduleAfterAppend(job, next))
                {
                    await ScheduleAsync(next, DuePolicy.AfterChange(next), null, cancellationToken).ConfigureAwait(false);
                }
                return new AppendResult(next, e);
            }
            log.Debug("Job {JobId} event {Seq} lost a race; re-reading", jobId, next.Seq);
            job = null;
        }
        throw new InvalidOperationException($"Job {jobId}: gave up after {MaxAppendAttempts} concurrent-write conflicts");
    }

    /// <summary>Active job IDs, oldest first (job IDs sort by creation time), each once whatever keys it has.</summary>
    public async Task<IReadOnlyList<string>> ListActiveAsync(CancellationToken cancellationToken) =>
        (await ListActiveEntriesAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.JobId).Distinct().ToList();

    /// <summary>
    /// Every active key, oldest job first (keys of one job together): one LIST per 1,000 keys, no job read. A job's
    /// summary is its greatest key (<see cref="Current"/>).
    /// </summary>
    public async Task<IReadOnlyList<ActiveEntry>> ListActiveEntriesAsync(CancellationToken cancellationToken)
    {
        var keys = await state.ListAsync(ActiveEntry.Prefix, cancellationToken).ConfigureAwait(false);
        var entries = new List<ActiveEntry>(keys.Count);
        foreach (var key in keys)
        {
            if (ActiveEntry.Parse(key.Key) is { } entry)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    /// <summary>The key that speaks for each job (the greatest of its keys), oldest job first, and the stale ones.</summary>
    public static (IReadOnlyList<ActiveEntry> Current, IReadOnlyList<ActiveEntry> Stale) Current(IEnumerable<ActiveEntry> entries)
    {
        var current = new List<ActiveEntry>();
        var stale = new List<ActiveEntry>();
        foreach (var group in entries.GroupBy(e => e.JobId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var best = group.Aggregate((a, b) => a.SupersedesOrEquals(b) ? a : b);
            current.Add(best);
            stale.AddRange(group.Where(e => !ReferenceEquals(e, best)));
        }
        return (current, stale);
    }

    /// <summary>
    /// Makes <paramref name="job"/>'s active key say "due at <paramref name="due"/>" (null: only when capacity frees):
    /// creates the new key first, then deletes the older ones, so a crash in between leaves a harmless duplicate and
    /// never no key. <paramref name="known"/> are the job's keys as just listed; null lists them (one request). A key
    /// from a later event than <paramref name="job"/> means a newer writer owns the summary: nothing is changed.
    /// </summary>
    public async Task ScheduleAsync(JobRecord job, DateTimeOffset? due, IReadOnlyList<ActiveEntry>? known, CancellationToken cancellationToken)
    {
        var keys = known ?? await ListJobKeysAsync(job.JobId, cancellationToken).ConfigureAwait(false);
        if (keys.Any(k => k.Seq > job.Seq))
        {
            return;
        }

        var wanted = ActiveEntry.For(job, due);
        if (!keys.Any(k => k.Key == wanted.Key))
        {
            await state.TryCreateAsync(wanted.Key, new ActiveMarker(job.JobId, job.CreatedAt), JobStoreJson.Default.ActiveMarker, cancellationToken).ConfigureAwait(false);
        }
        foreach (var old in keys.Where(k => k.Key != wanted.Key))
        {
            await state.DeleteAsync(old.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes every active key of the job (it is finished and announced everywhere, or never existed).</summary>
    public async Task RemoveActiveAsync(string jobId, CancellationToken cancellationToken)
    {
        foreach (var key in await ListJobKeysAsync(jobId, cancellationToken).ConfigureAwait(false))
        {
            await state.DeleteAsync(key.Key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes keys the listing showed to be superseded by a newer key of the same job.</summary>
    public Task DeleteStaleAsync(ActiveEntry stale, CancellationToken cancellationToken) => state.DeleteAsync(stale.Key, cancellationToken);

    private async Task<IReadOnlyList<ActiveEntry>> ListJobKeysAsync(string jobId, CancellationToken cancellationToken)
    {
        var keys = await state.ListAsync(ActiveEntry.JobPrefix(jobId), cancellationToken).ConfigureAwait(false);
        return keys.Select(k => ActiveEntry.Parse(k.Key)).OfType<ActiveEntry>().Where(e => e.JobId == jobId).ToList();
    }

    // Inverted milliseconds make the newest job list first.
    // From the job ID alone (its creation second), not the record: two requests racing on one idempotency key build
    // the same job with clocks a little apart, and must not leave two listing entries.
    private static string IndexKey(JobRecord job) =>
        $"{IndexPrefix}{(9_999_999_999_999 - JobIds.CreatedAt(job.JobId).ToUnixTimeMilliseconds()).ToString("D13", CultureInfo.InvariantCulture)}-{job.JobId}";
}

/// <summary>The job after an append, and the event that call wrote (null when it had nothing to change).</summary>
internal sealed record AppendResult(JobRecord? Job, JobEvent? Written);
