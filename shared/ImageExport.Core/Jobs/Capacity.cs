namespace ImageExport.Core.Jobs;

/// <summary>
/// The configured cap on exports running at once, counted across all jobs, and the one place images are counted as
/// running or queued. It is a soft cap: two handlers deciding at the same moment can each take the last slot, and
/// Tencent's own limit (LimitExceeded) stays the hard one.
/// </summary>
internal static class Capacity
{
    /// <summary>Images of the job whose export is running (or being submitted): each holds a slot.</summary>
    public static int Running(JobRecord job) => job.Images.Count(i => i.IsRunning);

    /// <summary>Images of the job waiting for a slot.</summary>
    public static int Queued(JobRecord job) => job.Images.Count(i => i.State == JobStates.Queued);

    /// <summary>Slots free now; <paramref name="cap"/> 0 means no cap of our own.</summary>
    public static int Free(int cap, int running) => cap == 0 ? int.MaxValue : Math.Max(0, cap - running);

    /// <summary>Slots a new job may take: older queued images go first, so it takes only the slots nobody waits for.</summary>
    public static int FreeForNewJob(int cap, Load load) => Math.Max(0, Free(cap, load.Running) - load.Queued);

    /// <summary>
    /// Running and queued images over the active jobs (<paramref name="current"/>: each job's current key). A job
    /// <paramref name="known"/> holds (read this invocation; null when it does not exist) counts as read; otherwise the key's
    /// counts are taken, one LIST per 1,000 jobs and no job read, except for a key from before the counts were kept in
    /// it, whose job is read.
    /// </summary>
    public static async Task<Load> CountAsync(
        IEnumerable<ActiveEntry> current,
        IReadOnlyDictionary<string, JobRecord?>? known,
        Func<string, CancellationToken, Task<JobRecord?>> read,
        CancellationToken cancellationToken)
    {
        var running = 0;
        var queued = 0;
        foreach (var entry in current)
        {
            JobRecord? job;
            if (known is not null && known.TryGetValue(entry.JobId, out var seen))
            {
                job = seen;
            }
            else if (entry.IsLegacy)
            {
                job = await read(entry.JobId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                running += entry.Running;
                queued += entry.Queued;
                continue;
            }
            if (job is null)
            {
                continue;
            }

            running += Running(job);
            queued += Queued(job);
        }
        return new Load(running, queued);
    }

    /// <summary>How many images run and wait across the active jobs.</summary>
    public readonly record struct Load(int Running, int Queued);
}
