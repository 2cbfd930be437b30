using System.Text;

namespace ImageExport.Core.Jobs;

/// <summary>
/// <c>GET /exports</c>: jobs newest first from the <c>index/</c> entries (inverted creation time), filtered by state.
/// The cursor is the last index key looked at, base64url-encoded; opaque to clients.
/// </summary>
internal sealed class JobListing(JobStore store)
{
    // A filter that matches rarely must not make one request read every job: past this many entries the page ends
    // early, with a cursor to continue.
    private const int MaxScannedPerPage = 500;

    public async Task<(IReadOnlyList<JobRecord> Jobs, string? NextCursor)> ListAsync(string? state, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var after = cursor is null ? null : DecodeCursor(cursor);
        var jobs = new List<JobRecord>();
        var scanned = 0;
        while (true)
        {
            var page = await store.ListIndexPageAsync(after, Math.Min(100, MaxScannedPerPage - scanned), cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Objects)
            {
                after = entry.Key;
                scanned++;
                var jobId = entry.Key[(entry.Key.IndexOf('-', StringComparison.Ordinal) + 1)..];
                var job = JobIds.IsValid(jobId) ? await store.ReadAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
                if (job is null || (state is not null && job.State != state))
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

    /// <summary>Null when the cursor was not made by this listing.</summary>
    public static string? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return key.StartsWith("index/", StringComparison.Ordinal) && !key.Contains("..", StringComparison.Ordinal) ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string EncodeCursor(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
