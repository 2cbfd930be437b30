using ImageExport.Core.Configuration;

namespace ImageExport.Core.Jobs;

/// <summary>
/// When a job is next to be looked at by the poll: the one place that decides it (the job store only writes the
/// <c>active/</c> key it is told to; see <see cref="ActiveEntry"/>). The COS trigger is the primary signal that files
/// landed; listing is the safety net for a lost event, so it runs on a cadence that grows with the export's age
/// (a sixth of it, between 1 and 10 minutes) instead of every tick. Time limits and the unknown-submission grace
/// period are exact: the job is due the moment either runs out.
/// </summary>
internal static class DuePolicy
{
    private static readonly TimeSpan MinFileCheck = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxFileCheck = TimeSpan.FromMinutes(10);

    /// <summary>When a job is due right after it changed: at once while it runs or is finished; never while it only waits for a slot.</summary>
    public static DateTimeOffset? AfterChange(JobRecord job) =>
        job.Images.Any(i => i.IsRunning) || job.IsTerminal ? job.UpdatedAt : null;

    /// <summary>
    /// Whether an append that turned <paramref name="before"/> into <paramref name="after"/> must replace the job's key
    /// (with one due at <see cref="AfterChange"/>): when the summary the key shows changed, or after the first change of
    /// a job no longer due by itself (the first key is due at creation; a job that only waits for a slot is not).
    /// </summary>
    public static bool RescheduleAfterAppend(JobRecord before, JobRecord after) =>
        !SameSummary(before, after) || (before.Seq == 1 && AfterChange(after) is null);

    /// <summary>When the poll should next look at a job it has just reconciled; null: nothing will happen by itself (only queued images, which free capacity makes due).</summary>
    public static DateTimeOffset? NextDue(ImageExportSettings settings, JobRecord job, DateTimeOffset now)
    {
        if (job.IsTerminal)
        {
            return AfterChange(job);
        }

        DateTimeOffset? due = null;
        foreach (var image in job.Images.Where(i => i.IsRunning))
        {
            var age = now - (image.ExportStartedAt ?? image.SubmissionChangedAt ?? now);
            due = Earliest(due, now + FileCheckInterval(age));
            if (image.ExportStartedAt is { } started)
            {
                due = Earliest(due, started + ExportTimeout.Limit(settings, image) + TimeSpan.FromSeconds(1));
            }

            if (UnknownCheckDue(settings, image) is { } check)
            {
                due = Earliest(due, check);
            }
        }
        return due;
    }

    /// <summary>
    /// When an unknown (or stale submitting) submission is to be checked with CVM and maybe resubmitted: its grace
    /// period after the last change; null when it is not unknown or has used up its resubmissions.
    /// </summary>
    public static DateTimeOffset? UnknownCheckDue(ImageExportSettings settings, ImageRecord image) =>
        image.Submission is Submissions.Unknown or Submissions.Submitting &&
        image.UnknownResubmissions < settings.UnknownResubmitLimit &&
        image.SubmissionChangedAt is { } since
            ? since + settings.UnknownSubmitGrace
            : null;

    public static TimeSpan FileCheckInterval(TimeSpan exportAge)
    {
        var interval = exportAge / 6;
        return interval < MinFileCheck ? MinFileCheck : interval > MaxFileCheck ? MaxFileCheck : interval;
    }

    /// <summary>Whether two records need different keys when due right after a change (the summary the key shows).</summary>
    private static bool SameSummary(JobRecord a, JobRecord b) =>
        a.IsTerminal == b.IsTerminal &&
        Capacity.Running(a) == Capacity.Running(b) &&
        Capacity.Queued(a) == Capacity.Queued(b);

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
