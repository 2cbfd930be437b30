using ImageExport.Core.Jobs;
using ImageExport.TencentCloud.Cos;
using Serilog;

namespace ImageExport.Core.Expiry;

/// <summary>
/// Retention, in the poll, once a run of a schedule has finished and before it is announced (so its notification says
/// what was deleted). For each older run to expire it first records the decision on that run (<c>expiry-decided</c>,
/// with the exact keys), then deletes exactly those keys (COS DELETE Multiple Objects), then records the result per
/// file (<c>files-deleted</c>: <c>deleted</c> with <c>deletedAt</c>; refused keys stay landed). A crash anywhere in
/// between leaves the run unannounced, so the next tick resumes from the recorded decision and deletes nothing else.
/// </summary>
internal sealed class Retention(ICosApi cos, JobStore store, PathIndex paths, ScheduleIndex index, TimeProvider time, ILogger log)
{
    /// <summary>Whether a finished job may be announced: a run of a schedule only once its retention is recorded.</summary>
    public static bool Done(JobRecord job) => job.Schedule is not { Report: null } || !job.IsTerminal;

    public async Task<JobRecord> ApplyAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (Done(job))
        {
            return job;
        }

        var mark = job.Schedule!;
        var runLog = log.ForContext("JobId", job.JobId).ForContext("Schedule", mark.Name);
        // The start wrote this entry too; a start that crashed right after recording the job did not.
        await index.EnsureAsync(mark.Name, mark.Slot, job.JobId, job.CreatedAt, cancellationToken).ConfigureAwait(false);

        var policy = mark.Retention ?? new RetentionPolicy(null, null, false);
        var report = new RetentionReport { DryRun = policy.DryRun };
        if (policy.DeletesAnything)
        {
            var runs = await RunsAsync(mark.Name, job, cancellationToken).ConfigureAwait(false);
            var plan = RetentionPlan.Decide(runs, policy, time.GetUtcNow());
            // A decision this run recorded before a crash is carried out as recorded, whatever the plan says now.
            var resumed = runs.Where(r => r.Schedule?.PendingExpiry?.ByJobId == job.JobId).ToList();
            var deleted = new List<RetainedFile>();
            var refused = new List<RetainedFile>();
            foreach (var run in resumed)
            {
                var (d, r) = await DeleteAsync(run, job.JobId, runLog, cancellationToken).ConfigureAwait(false);
                deleted.AddRange(d);
                refused.AddRange(r);
            }
            foreach (var expiry in plan.Where(e => resumed.All(r => r.JobId != e.Job.JobId)))
            {
                if (expiry.Job.Schedule?.PendingExpiry is { } other)
                {
                    // Another run's decision is still being carried out (that run resumes it); decide again next time.
                    runLog.Information("Retention of {Schedule}: job {ExpiredJobId} already has an expiry pending from job {DeciderJobId}", mark.Name, expiry.Job.JobId, other.ByJobId);
                    continue;
                }
                if (policy.DryRun)
                {
                    deleted.AddRange(expiry.Files.Select(f => new RetainedFile(expiry.Job.JobId, f.Key, f.Size)));
                    continue;
                }
                var decided = await DecideAsync(expiry, job.JobId, runLog, cancellationToken).ConfigureAwait(false);
                if (decided is null)
                {
                    continue;
                }

                var (d, r) = await DeleteAsync(decided, job.JobId, runLog, cancellationToken).ConfigureAwait(false);
                deleted.AddRange(d);
                refused.AddRange(r);
            }
            report = report with { Deleted = deleted, Refused = refused };
            if (policy.DryRun && deleted.Count > 0)
            {
                runLog.Information("Retention of {Schedule} (dry run): would delete {FileCount} file(s), {Bytes} bytes; nothing deleted", mark.Name, deleted.Count, deleted.Sum(f => f.Size));
            }
        }

        var applied = await store.AppendAsync(job.JobId, job, j => j.Schedule is { Report: null }
            ? new JobEvent { Type = RetentionEvents.RetentionApplied, At = time.GetUtcNow(), Retention = report }
            : null, cancellationToken).ConfigureAwait(false);
        return applied.Job ?? job;
    }

    /// <summary>Every finished run of the schedule, this one as just read.</summary>
    private async Task<IReadOnlyList<JobRecord>> RunsAsync(string schedule, JobRecord current, CancellationToken cancellationToken)
    {
        var runs = new List<JobRecord> { current };
        foreach (var jobId in await index.JobIdsAsync(schedule, cancellationToken).ConfigureAwait(false))
        {
            if (jobId == current.JobId)
            {
                continue;
            }
            // Only jobs a schedule started, and this one: the name is checked on the record, not trusted from the index.
            if (await store.ReadAsync(jobId, cancellationToken).ConfigureAwait(false) is { IsTerminal: true, Schedule.Name: var name } run && name == schedule)
            {
                runs.Add(run);
            }
        }
        return runs;
    }

    /// <summary>Records the decision on the expired run first; null when it no longer applies (a concurrent tick took it).</summary>
    private async Task<JobRecord?> DecideAsync(RetentionPlan.Expiry expiry, string deciderJobId, ILogger runLog, CancellationToken cancellationToken)
    {
        // A key another job has since claimed (an export to the same name overwrote the object) is that job's now.
        var files = new List<LandedFile>();
        foreach (var file in expiry.Files)
        {
            var owner = await paths.FindAsync(expiry.Job.Bucket, file.Key, cancellationToken).ConfigureAwait(false);
            if (owner is null || owner.JobId == expiry.Job.JobId)
            {
                files.Add(file);
            }
            else
            {
                runLog.Warning("Retention keeps {ObjectKey}: it now belongs to job {OwnerJobId}, not {ExpiredJobId}", file.Key, owner.JobId, expiry.Job.JobId);
            }
        }
        if (files.Count == 0)
        {
            return null;
        }

        var result = await store.AppendAsync(expiry.Job.JobId, expiry.Job, j =>
        {
            if (j.Schedule is not { PendingExpiry: null })
            {
                return null;
            }

            var landed = j.Images.SelectMany(i => i.Files).Where(f => f.State == FileStates.Landed).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
            var still = files.Where(f => landed.Contains(f.Key)).ToList();
            return still.Count == 0 ? null : new JobEvent
            {
                Type = RetentionEvents.ExpiryDecided,
                At = time.GetUtcNow(),
                Expiry = new ExpiryRecord { ByJobId = deciderJobId, Files = still, Reason = expiry.Reason },
            };
        }, cancellationToken).ConfigureAwait(false);
        if (result.Written is null)
        {
            return null;
        }

        runLog.Information("Retention: job {ExpiredJobId} expires {FileCount} file(s): {Reason}", expiry.Job.JobId, result.Written.Expiry!.Files.Count, expiry.Reason);
        return result.Job;
    }

    /// <summary>Deletes exactly the keys the decision recorded, then records what COS did with each.</summary>
    private async Task<(IReadOnlyList<RetainedFile> Deleted, IReadOnlyList<RetainedFile> Refused)> DeleteAsync(JobRecord run, string deciderJobId, ILogger runLog, CancellationToken cancellationToken)
    {
        var pending = run.Schedule!.PendingExpiry!;
        var sizes = pending.Files.ToDictionary(f => f.Key, f => f.Size, StringComparer.Ordinal);
        var deleted = new List<string>();
        var refused = new List<RetainedFile>();
        foreach (var batch in pending.Files.Select(f => f.Key).Chunk(CosClient.MaxDeleteKeys))
        {
            try
            {
                var result = await cos.DeleteObjectsAsync(run.Bucket, batch, cancellationToken).ConfigureAwait(false);
                deleted.AddRange(result.Deleted.Where(sizes.ContainsKey));
                refused.AddRange(result.Errors.Where(e => sizes.ContainsKey(e.Key)).Select(e => new RetainedFile(run.JobId, e.Key, sizes[e.Key], e.Code)));
            }
            catch (CosException e) when (e.StatusCode == 403)
            {
                // The role may not delete (no cos:DeleteObject on the bucket): the files stay, and the run says so.
                refused.AddRange(batch.Select(k => new RetainedFile(run.JobId, k, sizes[k], e.Code)));
            }
        }
        if (refused.Count > 0)
        {
            runLog.Warning("Retention of job {ExpiredJobId}: COS refused to delete {FileCount} file(s) ({Codes}); they are left in place. The function's role needs cos:DeleteObject on {Bucket}",
                run.JobId, refused.Count, refused.Select(r => r.Code).Distinct().ToList(), run.Bucket);
        }

        var landed = deleted.Select(k => new LandedFile(k, sizes[k])).ToList();
        await store.AppendAsync(run.JobId, run, j => j.Schedule?.PendingExpiry?.ByJobId == deciderJobId
            ? new JobEvent
            {
                Type = RetentionEvents.FilesDeleted,
                At = time.GetUtcNow(),
                Files = landed,
                Expiry = pending with { Refused = refused },
            }
            : null, cancellationToken).ConfigureAwait(false);
        if (landed.Count > 0)
        {
            runLog.Information("Retention: deleted {FileCount} file(s) of job {ExpiredJobId}, {Bytes} bytes freed", landed.Count, run.JobId, landed.Sum(f => f.Size));
        }

        return (deleted.Select(k => new RetainedFile(run.JobId, k, sizes[k])).ToList(), refused);
    }
}
