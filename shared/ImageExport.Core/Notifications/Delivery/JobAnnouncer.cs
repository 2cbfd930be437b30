using ImageExport.Core.Jobs;

namespace ImageExport.Core.Notifications.Delivery;

/// <summary>Announces a finished job on every channel; the job leaves <c>active/</c> once every channel is done with it.</summary>
internal sealed class JobAnnouncer(NotificationDelivery delivery, NotificationFactory factory, JobStore store)
{
    /// <summary>True when the job is finished and announced everywhere it can be.</summary>
    public async Task<bool> AnnounceAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (!job.IsTerminal)
        {
            return false;
        }
        // A run of a schedule is announced once its retention is recorded (the poll does it), so it can say what was deleted.
        if (!Expiry.Retention.Done(job))
        {
            return false;
        }

        var done = await delivery.DeliverAsync(NotificationDelivery.JobScope(job.JobId, job.State), () => factory.ForJob(job), cancellationToken).ConfigureAwait(false);
        if (done)
        {
            await store.RemoveActiveAsync(job.JobId, cancellationToken).ConfigureAwait(false);
        }

        return done;
    }
}
