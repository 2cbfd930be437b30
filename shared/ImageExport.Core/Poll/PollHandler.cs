using System.Text;
using ImageExport.Core.Configuration;
using ImageExport.Core.Delivery;
using ImageExport.Core.Jobs;
using ImageExport.Core.Submission;
using ImageExport.Scf.Runtime;
using Serilog;

namespace ImageExport.Core.Poll;

/// <summary>
/// <c>exports.poll</c> (timer): reconciles every active job, oldest first, until shortly before the deadline;
/// whatever is left waits for the next tick. Every step decides on freshly read state and writes create-only, so
/// overlapping ticks do each thing once.
/// </summary>
internal sealed class PollHandler(
    ImageExportSettings settings,
    JobStore store,
    JobReconciler reconciler,
    Submitter submitter,
    JobAnnouncer announcer,
    UnknownExports unknown,
    TimeProvider time,
    ILogger log) : IFunctionHandler
{
    // An active marker with no job is a start that crashed before recording; give it time to finish first.
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tickLog = log.ForContext("RequestId", context.RequestId);
        var budget = new InvocationBudget(time, context.Deadline, settings.PollReserve, cancellationToken);

        var ids = await store.ListActiveAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<JobRecord>();
        var readAll = true;
        foreach (var id in ids)
        {
            if (budget.Exhausted) { readAll = false; break; }
            var job = await store.ReadAsync(id, cancellationToken).ConfigureAwait(false);
            if (job is not null) jobs.Add(job);
            else if (time.GetUtcNow() - JobIds.CreatedAt(id) > OrphanAge) await store.RemoveActiveAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var reconciled = 0;
        for (var i = 0; i < jobs.Count && !budget.Exhausted; i++, reconciled++)
        {
            var jobLog = tickLog.ForContext("JobId", jobs[i].JobId);
            try
            {
                jobs[i] = await reconciler.ReconcileAsync(jobs[i], cancellationToken).ConfigureAwait(false);
                await announcer.AnnounceAsync(jobs[i], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One broken job must not starve the others; it is retried next tick.
                jobLog.Error("Reconciling job {JobId} failed: {ErrorType}: {Reason}", jobs[i].JobId, e.GetType().Name, e.Message);
            }
        }

        // The cap counts every active job, so queued images start only when all of them were read this tick.
        var submitted = readAll && !budget.Exhausted ? await SubmitQueuedAsync(jobs, budget, tickLog, cancellationToken).ConfigureAwait(false) : 0;

        if (!budget.Exhausted) await unknown.RetryPendingAsync(() => budget.Exhausted, cancellationToken).ConfigureAwait(false);

        tickLog.Information("Poll: {Active} active job(s), {Reconciled} reconciled, {Submitted} image(s) submitted{Partial}",
            ids.Count, reconciled, submitted, budget.Exhausted ? "; stopped at the deadline" : "");
        return Encoding.UTF8.GetBytes($"{{\"active\":{ids.Count},\"reconciled\":{reconciled},\"submitted\":{submitted},\"complete\":{(reconciled == ids.Count && readAll ? "true" : "false")}}}");
    }

    private async Task<int> SubmitQueuedAsync(List<JobRecord> jobs, InvocationBudget budget, ILogger log, CancellationToken cancellationToken)
    {
        var free = Capacity.Free(settings.MaxConcurrentExports, Capacity.Running(jobs));
        var submitted = 0;
        for (var i = 0; i < jobs.Count && free > 0 && !budget.Exhausted; i++)
        {
            var queued = jobs[i].Images.Where(image => image.State == JobStates.Queued).Select(image => image.ImageId).Take(free).ToList();
            if (queued.Count == 0) continue;
            var before = jobs[i];
            try
            {
                jobs[i] = await submitter.SubmitQueuedAsync(jobs[i], queued, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log.Error("Submitting queued images of job {JobId} failed: {ErrorType}: {Reason}", before.JobId, e.GetType().Name, e.Message);
                continue;
            }
            var started = queued.Count(id => jobs[i].Image(id) is { State: not JobStates.Queued });
            submitted += started;
            // An image sent straight back to the queue means Tencent's own limit is reached: nothing more starts this tick.
            free = started < queued.Count ? 0 : free - started;
            await announcer.AnnounceAsync(jobs[i], cancellationToken).ConfigureAwait(false);
        }
        return submitted;
    }
}
