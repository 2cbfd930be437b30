using ImageExport.Core.Jobs;

namespace ImageExport.Core.Notifications.Delivery;

/// <summary>What a notification says about a schedule's run: from its job, or, when no job started, from the run itself.</summary>
internal static class RunNotifications
{
    /// <summary>The run part of a job's notification; null for a job no schedule started.</summary>
    public static NotifiedRun? ForJob(JobRecord job) => job.Schedule is not { } mark ? null : new NotifiedRun
    {
        Schedule = mark.Name,
        Slot = mark.Slot,
        Started = job.Images.Select(i => i.ImageId).ToList(),
        Refused = mark.Refused.Select(Refusal).ToList(),
        RetentionDryRun = mark.Report?.DryRun ?? false,
        Deleted = mark.Report?.Deleted.Select(Deletion).ToList() ?? [],
        DeleteRefused = mark.Report?.Refused.Select(Deletion).ToList() ?? [],
    };

    /// <summary>A run that started nothing: a malformed schedule, no image matching, every image refused by a rule.</summary>
    public static ExportNotification NotStarted(string id, string schedule, DateTimeOffset? slot, string region, string bucket, string? format, DateTimeOffset at, string reason, IReadOnlyList<Problem> refused) => new()
    {
        Id = id,
        JobId = null,
        Outcome = JobStates.Failed,
        Region = region,
        Bucket = bucket,
        Format = format,
        StartedAt = at,
        FinishedAt = at,
        Reason = reason,
        Images = refused.Where(p => p.ImageId is not null).GroupBy(p => p.ImageId!).Select(g => new NotifiedImage
        {
            ImageId = g.Key,
            State = JobStates.Failed,
            Reason = string.Join("; ", g.Select(p => p.Message)),
            Files = [],
        }).ToList(),
        Run = new NotifiedRun { Schedule = schedule, Slot = slot, Refused = refused.Select(Refusal).ToList() },
    };

    private static NotifiedRefusal Refusal(Problem p) => new(p.ImageId, p.Code, p.Message);

    private static NotifiedDeletion Deletion(RetainedFile f) => new(f.JobId, f.Key, f.Size, f.Code);
}
