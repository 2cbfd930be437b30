using System.Globalization;
using System.Text;
using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Notifications.Delivery;
using ImageExport.Core.Progress;
using ImageExport.Core.Submission;
using ImageExport.Scf.Runtime;
using Serilog;

namespace ImageExport.Core.Poll;

/// <summary>
/// <c>exports.poll</c> (timer): lists the <c>active/</c> keys (one LIST per 1,000 jobs), reconciles only the jobs
/// whose key says they are due, oldest first, until shortly before the deadline, then fills free export slots from
/// the queued jobs. Whatever is left waits for the next tick. Every step decides on freshly read state and writes
/// create-only, so overlapping ticks do each thing once.
/// </summary>
internal sealed class PollHandler(
    ImageExportSettings settings,
    JobStore store,
    JobReconciler reconciler,
    Submitter submitter,
    JobAnnouncer announcer,
    UnknownExports unknown,
    ProgressSampler sampler,
    TimeProvider time,
    ILogger log,
    Expiry.Retention retention) : IFunctionHandler
{
    // An active key with no job is a start that crashed before recording; give it time to finish first.
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var budget = new InvocationBudget(time, context.Deadline, settings.PollReserve, cancellationToken);

        var listed = await store.ListActiveEntriesAsync(cancellationToken).ConfigureAwait(false);
        var (current, stale) = JobStore.Current(listed);
        var now = time.GetUtcNow();
        var due = current.Where(e => e.IsDue(now)).ToList();
        var keysOf = listed.ToLookup(e => e.JobId, StringComparer.Ordinal);

        var jobs = new Dictionary<string, JobRecord?>(StringComparer.Ordinal);
        var reconciled = 0;
        foreach (var entry in due)
        {
            if (budget.Exhausted)
            {
                break;
            }

            jobs[entry.JobId] = await ReconcileAsync(entry, keysOf[entry.JobId].ToList(), now, cancellationToken).ConfigureAwait(false);
            reconciled++;
        }

        var dueIds = due.Select(e => e.JobId).ToHashSet(StringComparer.Ordinal);
        foreach (var old in stale.Where(s => !dueIds.Contains(s.JobId)))
        {
            if (budget.Exhausted)
            {
                break;
            }

            await store.DeleteStaleAsync(old, cancellationToken).ConfigureAwait(false);
        }

        // The cap counts every active job; the keys say how many images each runs, so queued images start only once
        // every due job (whose key may be out of date) was reconciled this tick.
        var submitted = reconciled == due.Count && !budget.Exhausted
            ? await SubmitQueuedAsync(current, jobs, budget, cancellationToken).ConfigureAwait(false)
            : 0;

        if (!budget.Exhausted)
        {
            await unknown.RetryPendingAsync(() => budget.Exhausted, cancellationToken).ConfigureAwait(false);
        }

        // Progress comes last: it is only an observation, and what is left of the tick goes to it.
        var sampled = budget.Exhausted ? 0 : await sampler.SampleAsync(current, jobs, () => budget.Exhausted, cancellationToken).ConfigureAwait(false);

        log.Information("Poll: {Active} active job(s), {Due} due, {Reconciled} reconciled, {Submitted} image(s) submitted, {Sampled} sampled for progress{Partial}",
            current.Count, due.Count, reconciled, submitted, sampled, budget.Exhausted ? "; stopped at the deadline" : "");
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"active\":{current.Count},\"due\":{due.Count},\"reconciled\":{reconciled},\"submitted\":{submitted},\"sampled\":{sampled},\"complete\":{(reconciled == due.Count && !budget.Exhausted ? "true" : "false")}}}"));
    }

    /// <summary>Reconciles one due job and moves its key to when it is next due; the job as it now is (null: none).</summary>
    private async Task<JobRecord?> ReconcileAsync(ActiveEntry entry, IReadOnlyList<ActiveEntry> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var job = await store.ReadAsync(entry.JobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            if (now - JobIds.CreatedAt(entry.JobId) > OrphanAge)
            {
                await store.RemoveActiveAsync(entry.JobId, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        var read = job.Seq;
        try
        {
            job = await reconciler.ReconcileAsync(job, cancellationToken).ConfigureAwait(false);
            // A finished run of a schedule expires older runs' files before it is announced (Schedules/Retention.cs).
            job = await retention.ApplyAsync(job, cancellationToken).ConfigureAwait(false);
            if (await announcer.AnnounceAsync(job, cancellationToken).ConfigureAwait(false))
            {
                return job;
            }
            // An append this tick may have replaced the listed keys already: then they are listed again.
            await store.ScheduleAsync(job, DuePolicy.NextDue(settings, job, now), job.Seq == read ? keys : null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One broken job must not starve the others; its key stays due, so it is retried next tick.
            log.ForContext("JobId", job.JobId).Error("Reconciling job {JobId} failed: {ErrorType}: {Reason}", job.JobId, e.GetType().Name, e.Message);
        }
        return job;
    }

    private async Task<int> SubmitQueuedAsync(IReadOnlyList<ActiveEntry> current, Dictionary<string, JobRecord?> jobs, InvocationBudget budget, CancellationToken cancellationToken)
    {
        var load = await Capacity.CountAsync(current, jobs, store.ReadAsync, cancellationToken).ConfigureAwait(false);
        var free = Capacity.Free(settings.MaxConcurrentExports, load.Running);
        var submitted = 0;
        foreach (var entry in current)
        {
            if (free <= 0 || budget.Exhausted)
            {
                break;
            }

            var known = jobs.TryGetValue(entry.JobId, out var read);
            if (known ? read is null || Capacity.Queued(read) == 0 : entry.Queued == 0)
            {
                continue;
            }

            var job = known ? read! : await store.ReadAsync(entry.JobId, cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                continue;
            }

            var queued = job.Images.Where(image => image.State == JobStates.Queued).Select(image => image.ImageId).Take(free).ToList();
            if (queued.Count == 0)
            {
                // The key was behind the job (a writer crashed before updating it): bring it up to date.
                await store.ScheduleAsync(job, DuePolicy.NextDue(settings, job, time.GetUtcNow()), null, cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                job = await submitter.SubmitQueuedAsync(job, queued, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log.Error("Submitting queued images of job {JobId} failed: {ErrorType}: {Reason}", job.JobId, e.GetType().Name, e.Message);
                continue;
            }
            var started = queued.Count(id => job.Image(id) is { State: not JobStates.Queued });
            submitted += started;
            // An image sent straight back to the queue means Tencent's own limit is reached: nothing more starts this tick.
            free = started < queued.Count ? 0 : free - started;
            await announcer.AnnounceAsync(job, cancellationToken).ConfigureAwait(false);
        }
        return submitted;
    }
}
