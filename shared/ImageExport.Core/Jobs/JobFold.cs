namespace ImageExport.Core.Jobs;

/// <summary>Applies one event to a job: the only place a job record changes.</summary>
internal static class JobFold
{
    public static JobRecord Apply(JobRecord job, JobEvent e)
    {
        // A schedule's retention changes files of a finished job, never its state (Schedules/RetentionFold.cs).
        if (RetentionFold.Handles(e))
        {
            return RetentionFold.Apply(job, e);
        }

        var images = job.Images.Select(image => ApplyToImage(job, image, e)).ToList();
        return Derive(job with { Images = images, UpdatedAt = e.At, Seq = job.Seq + 1 }, e.At);
    }

    private static ImageRecord ApplyToImage(JobRecord job, ImageRecord image, JobEvent e)
    {
        if (e.Type == JobEventTypes.FilesLanded)
        {
            return Land(image, e);
        }

        if (e.ImageIds is null || !e.ImageIds.Contains(image.ImageId))
        {
            return image;
        }

        return e.Type switch
        {
            JobEventTypes.Requested or JobEventTypes.Submitting or JobEventTypes.Resubmitting => image with
            {
                State = JobStates.Exporting,
                Submission = Submissions.Submitting,
                SubmissionChangedAt = e.At,
                ExportStartedAt = image.ExportStartedAt ?? e.At,
                UnknownResubmissions = image.UnknownResubmissions + (e.Type == JobEventTypes.Resubmitting ? 1 : 0),
                QueueReason = null,
            },
            JobEventTypes.Submitted => WithPaths(image with
            {
                Submission = Submissions.Submitted,
                SubmissionChangedAt = e.At,
                TaskId = e.TaskId,
            }, e.CosPaths ?? []),
            JobEventTypes.SubmitUnknown => image with
            {
                Submission = Submissions.Unknown,
                SubmissionChangedAt = e.At,
                Reason = e.Reason,
            },
            JobEventTypes.SubmitResolved => image with
            {
                Submission = Submissions.Submitted,
                SubmissionChangedAt = e.At,
                Reason = null,
            },
            // The call was refused before anything started: the clock restarts with the next submission.
            JobEventTypes.Queued => image with
            {
                State = JobStates.Queued,
                Submission = null,
                SubmissionChangedAt = e.At,
                ExportStartedAt = image.Submission == Submissions.Unknown ? image.ExportStartedAt : null,
                QueueReason = e.Reason,
            },
            JobEventTypes.Stalled when image.State == JobStates.Exporting => image with
            {
                Stalled = true,
                LastProgressAt = e.LastProgressAt ?? image.LastProgressAt,
            },
            JobEventTypes.ProgressResumed => image with
            {
                Stalled = false,
                LastProgressAt = e.LastProgressAt ?? image.LastProgressAt,
            },
            JobEventTypes.ImageFailed or JobEventTypes.TimedOut when !image.IsTerminal => image with
            {
                State = JobStates.Failed,
                Reason = e.Reason,
                CompletedAt = e.At,
            },
            _ => image,
        };
    }

    private static ImageRecord WithPaths(ImageRecord image, IReadOnlyList<string> cosPaths)
    {
        if (cosPaths.Count == 0)
        {
            return image;
        }

        var landed = image.Files.Where(f => f.State == FileStates.Landed).ToDictionary(f => f.Key);
        var files = cosPaths
            .Select(ExportPaths.KeyOf)
            .Distinct(StringComparer.Ordinal)
            .Select(key => landed.TryGetValue(key, out var file) ? file : new FileRecord { Key = key, State = FileStates.Pending })
            .ToList();
        return Complete(image with { CosPaths = cosPaths, Files = files }, image.SubmissionChangedAt ?? DateTimeOffset.MinValue);
    }

    private static ImageRecord Land(ImageRecord image, JobEvent e)
    {
        var landed = (e.Files ?? []).Where(f => image.Files.Any(x => x.Key == f.Key && x.State != FileStates.Landed)).ToList();
        if (landed.Count == 0)
        {
            return image;
        }

        var files = image.Files
            .Select(f => landed.FirstOrDefault(l => l.Key == f.Key) is { } l
                ? f with { State = FileStates.Landed, Size = l.Size, LandedAt = e.At }
                : f)
            .ToList();
        var updated = image with { Files = files };
        // Files of an export whose outcome was unknown prove that it started.
        if (updated.Submission is Submissions.Unknown or Submissions.Submitting)
        {
            updated = updated with { Submission = Submissions.Submitted, SubmissionChangedAt = e.At, Reason = null };
        }
        return Complete(updated, e.At);
    }

    private static ImageRecord Complete(ImageRecord image, DateTimeOffset at) =>
        image.State == JobStates.Exporting && image.Files.Count > 0 && image.Files.All(f => f.State == FileStates.Landed)
            ? image with { State = JobStates.Completed, CompletedAt = at, Reason = null, Stalled = false }
            : image;

    /// <summary>The job's state follows from its images'.</summary>
    private static JobRecord Derive(JobRecord job, DateTimeOffset at)
    {
        if (job.Images.All(i => i.IsTerminal))
        {
            var failed = job.Images.Where(i => i.State == JobStates.Failed).ToList();
            var state = failed.Count == 0 ? JobStates.Completed : JobStates.Failed;
            var reason = failed.Count == 0
                ? null
                : string.Join("; ", failed.Select(i => $"{i.ImageId}: {i.Reason ?? "failed"}"));
            return job with { State = state, Reason = reason, FinishedAt = job.FinishedAt ?? at };
        }
        return job with { State = job.Images.Any(i => i.State == JobStates.Exporting) ? JobStates.Exporting : JobStates.Queued };
    }
}
