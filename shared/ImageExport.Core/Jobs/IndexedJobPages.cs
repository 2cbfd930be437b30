using ImageExport.Core.Storage;

namespace ImageExport.Core.Jobs;

/// <summary>
/// Pages of jobs read through index keys (<c>index/</c>, a schedule's <c>runs/</c>): each key is
/// <c>&lt;inverted time&gt;-&lt;jobId&gt;</c>, so listing them yields the newest job first without reading any job.
/// </summary>
internal sealed class IndexedJobPages(JobStore store, StateStore state)
{
    // A filter that matches rarely must not make one request read every job: past this many entries the page ends
    // early, with a cursor to continue.
    private const int MaxScannedPerPage = 500;

    /// <summary>
    /// Up to <paramref name="limit"/> jobs under <paramref name="prefix"/> that <paramref name="keep"/> accepts, after
    /// the key in <paramref name="cursor"/> (an <see cref="IndexCursor"/>), and the cursor of the next page (null: none).
    /// </summary>
    public async Task<(IReadOnlyList<JobRecord> Jobs, string? NextCursor)> ReadAsync(
        string prefix, Func<JobRecord, bool> keep, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var after = cursor is null ? null : IndexCursor.Decode(cursor, prefix);
        var jobs = new List<JobRecord>();
        var scanned = 0;
        while (true)
        {
            var page = await state.ListPageAsync(prefix, after, Math.Min(100, MaxScannedPerPage - scanned), cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Objects)
            {
                after = entry.Key;
                scanned++;
                var job = JobIdOf(entry.Key) is { } jobId ? await store.ReadAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
                if (job is null || !keep(job))
                {
                    continue;
                }

                jobs.Add(job);
                if (jobs.Count == limit)
                {
                    return (jobs, IndexCursor.Encode(after));
                }
            }
            if (!page.IsTruncated || page.Objects.Count == 0)
            {
                return (jobs, null);
            }

            if (scanned >= MaxScannedPerPage)
            {
                return (jobs, IndexCursor.Encode(after!));
            }
        }
    }

    /// <summary>The job ID an index key ends in; null for a key this code did not write.</summary>
    public static string? JobIdOf(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var jobId = dash < 0 ? null : name[(dash + 1)..];
        return jobId is not null && JobIds.IsValid(jobId) ? jobId : null;
    }
}
