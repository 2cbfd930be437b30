using System.Globalization;
using ImageExport.Core.Jobs;

namespace ImageExport.Core.Expiry;

/// <summary>
/// Which files of a schedule's older runs retention expires, per image: beyond <c>keepLast</c> completed exports of
/// the image, or older than <c>maxAgeDays</c>. Never the newest completed export of an image, never a run that did
/// not complete, never a file that is not recorded as landed under the run's own prefix.
/// </summary>
internal static class RetentionPlan
{
    /// <summary>An expiry to decide: the run, the files (exactly as it recorded them landed) and why.</summary>
    internal sealed record Expiry(JobRecord Job, IReadOnlyList<LandedFile> Files, string Reason);

    public static IReadOnlyList<Expiry> Decide(IReadOnlyList<JobRecord> runs, RetentionPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(policy);
        var expired = new Dictionary<string, (JobRecord Job, List<LandedFile> Files, List<string> Reasons)>(StringComparer.Ordinal);
        if (!policy.DeletesAnything)
        {
            return [];
        }

        // Every finished run counts towards an image's completed exports (a run that failed for another image
        // still holds this one's), newest slot first; only runs that completed as a whole are ever expired.
        var exports = runs
            .Where(r => r.IsTerminal && r.Schedule is not null)
            .SelectMany(r => r.Images
                .Where(i => i.State == JobStates.Completed && i.Files.Any(f => f.State == FileStates.Landed))
                .Select(i => (Run: r, Image: i)))
            .GroupBy(x => x.Image.ImageId, StringComparer.Ordinal);
        foreach (var image in exports)
        {
            var newestFirst = image.OrderByDescending(x => x.Run.Schedule!.Slot).ThenByDescending(x => x.Run.CreatedAt).ToList();
            for (var n = 1; n < newestFirst.Count; n++)
            {
                var (run, record) = newestFirst[n];
                if (run.State != JobStates.Completed)
                {
                    continue;
                }

                var completedAt = record.CompletedAt ?? run.FinishedAt ?? run.CreatedAt;
                string? reason = null;
                if (policy.KeepLast is { } keep && n >= keep)
                {
                    reason = string.Create(CultureInfo.InvariantCulture, $"keepLast {keep}: export {n + 1} of {record.ImageId}, newest first");
                }
                else if (policy.MaxAgeDays is { } days && now - completedAt > TimeSpan.FromDays(days))
                {
                    reason = string.Create(CultureInfo.InvariantCulture, $"maxAgeDays {days}: {record.ImageId} exported {completedAt:u}");
                }
                if (reason is null)
                {
                    continue;
                }

                // Only what the run recorded as landed, and only under its own prefix: nothing else is ever named.
                var files = record.Files
                    .Where(f => f.State == FileStates.Landed && f.Key.StartsWith(run.Prefix + "_", StringComparison.Ordinal))
                    .Select(f => new LandedFile(f.Key, f.Size ?? 0))
                    .ToList();
                if (files.Count == 0)
                {
                    continue;
                }

                if (!expired.TryGetValue(run.JobId, out var entry))
                {
                    expired[run.JobId] = entry = (run, [], []);
                }

                entry.Files.AddRange(files);
                entry.Reasons.Add(reason);
            }
        }
        return expired.Values
            .OrderBy(e => e.Job.Schedule!.Slot)
            .Select(e => new Expiry(e.Job, e.Files, string.Join("; ", e.Reasons)))
            .ToList();
    }
}
