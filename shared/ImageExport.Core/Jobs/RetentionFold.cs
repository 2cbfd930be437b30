namespace ImageExport.Core.Jobs;

/// <summary>
/// How the retention events change a job: files become <c>deleted</c>, the pending decision and the run's report are
/// kept on its <see cref="ScheduleMark"/>. The job's and images' states never change: a completed export stays completed.
/// </summary>
internal static class RetentionFold
{
    public static bool Handles(JobEvent e) =>
        e.Type is RetentionEvents.ExpiryDecided or RetentionEvents.FilesDeleted or RetentionEvents.RetentionApplied;

    public static JobRecord Apply(JobRecord job, JobEvent e)
    {
        var next = job with { Seq = job.Seq + 1, UpdatedAt = e.At };
        if (job.Schedule is not { } mark)
        {
            return next;
        }

        return e.Type switch
        {
            RetentionEvents.ExpiryDecided => next with { Schedule = mark with { PendingExpiry = e.Expiry } },
            RetentionEvents.FilesDeleted => Deleted(next, e) with { Schedule = mark with { PendingExpiry = null } },
            RetentionEvents.RetentionApplied => next with { Schedule = mark with { Report = e.Retention ?? new RetentionReport() } },
            _ => next,
        };
    }

    private static JobRecord Deleted(JobRecord job, JobEvent e)
    {
        var deleted = (e.Files ?? []).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        if (deleted.Count == 0)
        {
            return job;
        }

        return job with
        {
            Images = job.Images.Select(image => image with
            {
                Files = image.Files
                    .Select(f => f.State == FileStates.Landed && deleted.Contains(f.Key) ? f with { State = FileStates.Deleted, DeletedAt = e.At } : f)
                    .ToList(),
            }).ToList(),
        };
    }
}
