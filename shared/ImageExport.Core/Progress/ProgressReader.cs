using ImageExport.Core.Jobs;
using ImageExport.Core.Storage;
using Serilog;

namespace ImageExport.Core.Progress;

/// <summary>
/// Progress for the HTTP API. The listing shows what the poll last recorded (one GET per exporting job); a single
/// job is also looked at live (one ListMultipartUploads, a ListParts per open upload), merged with the record, and the
/// result written back, so watching a job does not wait for the next timer tick and what was shown once is never
/// followed by an older record. Any failure shows the record as it is: stale, never wrong. (The record has no
/// compare-and-swap: a poll that read it before this write and writes after it keeps bytes it observed a moment
/// earlier; the window is one sampling's length.)
/// </summary>
internal sealed class ProgressReader(StateStore state, ProgressObserver observer, bool enabled, TimeProvider time, ILogger log)
{
    public async Task<ProgressRecord?> ReadAsync(JobRecord job, bool live, CancellationToken cancellationToken)
    {
        if (!enabled || job.IsTerminal || !job.Images.Any(i => i.State == JobStates.Exporting))
        {
            return null;
        }

        ProgressRecord? stored = null;
        try
        {
            stored = await state.GetAsync(ProgressSampler.Key(job.JobId), ProgressJson.Default.ProgressRecord, cancellationToken).ConfigureAwait(false);
            if (!live)
            {
                return stored;
            }

            var samples = await observer.ObserveAsync(job, cancellationToken).ConfigureAwait(false);
            if (samples is null)
            {
                return stored;
            }

            var observed = ProgressMath.Advance(stored, job, samples, time.GetUtcNow());
            if (observed.Files.Count > 0)
            {
                await WriteAsync(observed, cancellationToken).ConfigureAwait(false);
            }

            return observed;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Warning("Progress of job {JobId} could not be read; shown as last recorded: {ErrorType}: {Reason}", job.JobId, e.GetType().Name, e.Message);
            return stored;
        }
    }

    private async Task WriteAsync(ProgressRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await state.PutAsync(ProgressSampler.Key(record.JobId), record, ProgressJson.Default.ProgressRecord, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Warning("Progress of job {JobId} observed but not recorded: {ErrorType}: {Reason}", record.JobId, e.GetType().Name, e.Message);
        }
    }
}
