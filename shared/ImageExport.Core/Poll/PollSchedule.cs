using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;

namespace ImageExport.Core.Poll;

/// <summary>
/// When the poll should next look at a job it has just reconciled. The COS trigger is the primary signal that files
/// landed; listing is the safety net for a lost event, so it runs on a cadence that grows with the export's age
/// (a sixth of it, between 1 and 10 minutes) instead of every tick. Time limits and the unknown-submission grace
/// period are exact: the job is due the moment either runs out.
/// </summary>
internal static class PollSchedule
{
    private static readonly TimeSpan MinFileCheck = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxFileCheck = TimeSpan.FromMinutes(10);

    /// <summary>Null: nothing will happen by itself (only queued images, which free capacity makes due).</summary>
    public static DateTimeOffset? NextDue(ImageExportSettings settings, JobRecord job, DateTimeOffset now)
    {
        if (job.IsTerminal) return ActiveEntry.DueAfterChange(job);
        DateTimeOffset? due = null;
        foreach (var image in job.Images.Where(i => i.IsRunning))
        {
            var age = now - (image.ExportStartedAt ?? image.SubmissionChangedAt ?? now);
            due = Earliest(due, now + FileCheckInterval(age));
            if (image.ExportStartedAt is { } started) due = Earliest(due, started + ExportTimeout.Limit(settings, image) + TimeSpan.FromSeconds(1));
            if (UnknownCheckDue(settings, image) is { } check) due = Earliest(due, check);
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

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
