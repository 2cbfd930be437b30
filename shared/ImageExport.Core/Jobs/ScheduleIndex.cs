using System.Globalization;
using ImageExport.Core.Storage;

namespace ImageExport.Core.Jobs;

/// <summary>
/// <c>schedules/&lt;name&gt;/runs/&lt;inverted slot&gt;-&lt;jobId&gt;</c>: a schedule's runs, newest slot first, for
/// <c>GET /exports?schedule=</c> and retention. Written (create-only) when a run starts and again before its retention,
/// so every finished run is in it even if the start crashed right after recording the job.
/// </summary>
internal sealed class ScheduleIndex(IndexedJobPages pages, StateStore stateStore)
{
    public static string Prefix(string schedule) => $"schedules/{schedule}/runs/";

    public static string Key(string schedule, DateTimeOffset slot, string jobId) =>
        $"{Prefix(schedule)}{(9_999_999_999_999 - slot.ToUnixTimeMilliseconds()).ToString("D13", CultureInfo.InvariantCulture)}-{jobId}";

    public Task EnsureAsync(string schedule, DateTimeOffset slot, string jobId, DateTimeOffset createdAt, CancellationToken cancellationToken) =>
        stateStore.TryCreateAsync(Key(schedule, slot, jobId), new IndexEntry(jobId, createdAt), JobStoreJson.Default.IndexEntry, cancellationToken);

    /// <summary>Every run's job ID, newest slot first.</summary>
    public async Task<IReadOnlyList<string>> JobIdsAsync(string schedule, CancellationToken cancellationToken) =>
        (await stateStore.ListAsync(Prefix(schedule), cancellationToken).ConfigureAwait(false))
            .Select(o => IndexedJobPages.JobIdOf(o.Key)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>One page of runs, newest first, filtered by state; the cursor is the last index key looked at.</summary>
    public Task<(IReadOnlyList<JobRecord> Jobs, string? NextCursor)> ListAsync(string schedule, string? state, int limit, string? cursor, CancellationToken cancellationToken) =>
        pages.ReadAsync(Prefix(schedule), job => job.Schedule?.Name == schedule && (state is null || job.State == state), limit, cursor, cancellationToken);

    /// <summary>Null when the cursor was not made by this listing for this schedule.</summary>
    public static string? DecodeCursor(string schedule, string cursor) => IndexCursor.Decode(cursor, Prefix(schedule));
}
