namespace ImageExport.Core.Jobs;

/// <summary>
/// <c>GET /exports</c>: jobs newest first from the <c>index/</c> entries (inverted creation time), filtered by state.
/// </summary>
internal sealed class JobListing(IndexedJobPages pages)
{
    public Task<(IReadOnlyList<JobRecord> Jobs, string? NextCursor)> ListAsync(string? state, int limit, string? cursor, CancellationToken cancellationToken) =>
        pages.ReadAsync(JobStore.IndexPrefix, job => state is null || job.State == state, limit, cursor, cancellationToken);

    /// <summary>Null when the cursor was not made by this listing.</summary>
    public static string? DecodeCursor(string cursor) => IndexCursor.Decode(cursor, JobStore.IndexPrefix);
}
