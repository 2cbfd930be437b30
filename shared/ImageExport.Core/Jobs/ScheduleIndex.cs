using System.Globalization;
using System.Text;
using ImageExport.Core.Storage;

namespace ImageExport.Core.Jobs;

/// <summary>
/// <c>schedules/&lt;name&gt;/runs/&lt;inverted slot&gt;-&lt;jobId&gt;</c>: a schedule's runs, newest slot first, for
/// <c>GET /exports?schedule=</c> and retention. Written (create-only) when a run starts and again before its retention,
/// so every finished run is in it even if the start crashed right after recording the job.
/// </summary>
internal sealed class ScheduleIndex(JobStore store, StateStore stateStore)
{
    private const int MaxScannedPerPage = 500;

    public static string Prefix(string schedule) => $"schedules/{schedule}/runs/";

    public static string Key(string schedule, DateTimeOffset slot, string jobId) =>
        $"{Prefix(schedule)}{(9_999_999_999_999 - slot.ToUnixTimeMilliseconds()).ToString("D13", CultureInfo.InvariantCulture)}-{jobId}";

    public Task EnsureAsync(string schedule, DateTimeOffset slot, string jobId, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        stateStore.TryCreateAsync(Key(schedule, slot, jobId), new IndexEntry(jobId, createdAt), JobStoreJson.Default.IndexEntry, cancellationToken);

    /// <summary>Every run's job ID, newest slot first.</summary>
    public async Task<IReadOnlyList<string>> JobIdsAsync(string schedule, CancellationToken cancellationToken) =>
        (await stateStore.ListAsync(Prefix(schedule), cancellationToken).ConfigureAwait(false))
            .Select(o => JobIdOf(o.Key)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>One page of runs, newest first, filtered by state; the cursor is the last index key looked at.</summary>
    public async Task<(IReadOnlyList<JobRecord> Jobs, string? NextCursor)> ListAsync(string schedule, string? state, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var after = cursor is null ? null : DecodeCursor(schedule, cursor);
        var jobs = new List<JobRecord>();
        var scanned = 0;
        while (true)
        {
            var page = await stateStore.ListPageAsync(Prefix(schedule), after, Math.Min(100, MaxScannedPerPage - scanned), cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Objects)
            {
                after = entry.Key;
                scanned++;
                var job = JobIdOf(entry.Key) is { } jobId ? await store.ReadAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
                if (job?.Schedule?.Name != schedule || (state is not null && job.State != state))
                {
                    continue;
                }

                jobs.Add(job);
                if (jobs.Count == limit)
                {
                    return (jobs, EncodeCursor(after));
                }
            }
            if (!page.IsTruncated || page.Objects.Count == 0)
            {
                return (jobs, null);
            }

            if (scanned >= MaxScannedPerPage)
            {
                return (jobs, EncodeCursor(after!));
            }
        }
    }

    /// <summary>Null when the cursor was not made by this listing for this schedule.</summary>
    public static string? DecodeCursor(string schedule, string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return key.StartsWith(Prefix(schedule), StringComparison.Ordinal) && !key.Contains("..", StringComparison.Ordinal) ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string EncodeCursor(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? JobIdOf(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var jobId = dash < 0 ? null : name[(dash + 1)..];
        return jobId is not null && JobIds.IsValid(jobId) ? jobId : null;
    }
}
