using ImageExport.Core.Jobs;
using ImageExport.Core.Start;
using Serilog;

namespace ImageExport.Core.Schedules;

/// <summary>
/// The one place a run goes through <c>POST /exports</c>'s use case (<see cref="StartExport"/>): the same rules, queue
/// and idempotency keys, with the run's mark on the job. It reads the use case's outcome, never an HTTP answer.
/// </summary>
internal sealed class ScheduledStart(StartExport start)
{
    public async Task<ScheduledStartOutcome> StartAsync(ExportRequest request, string idempotencyKey, ScheduleMark mark, ILogger log, CancellationToken cancellationToken)
    {
        var caller = new StartCaller("schedule:" + mark.Name) { Schedule = mark };
        var outcome = await start.StartAsync(request, idempotencyKey, caller, log, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            StartOutcome.Started started => new ScheduledStartOutcome(ScheduledStartKind.Started, started.Job.JobId, [], null),
            StartOutcome.Replayed replayed => new ScheduledStartOutcome(ScheduledStartKind.AlreadyStarted, replayed.Job.JobId, [], null),
            // The slot's key already started a job, with other images (a tag or an image changed between retries).
            StartOutcome.Conflict { JobId: { } jobId } => new ScheduledStartOutcome(ScheduledStartKind.AlreadyStarted, jobId, [], null),
            StartOutcome.Refused refused => new ScheduledStartOutcome(ScheduledStartKind.Refused, null, refused.Problems, null),
            StartOutcome.Invalid invalid => Failed("the request is malformed: " + string.Join(", ", invalid.Errors.Select(e => e.Field))),
            StartOutcome.Conflict => Failed("the idempotency key was used for another request"),
            _ => Failed("unexpected outcome " + outcome.GetType().Name),
        };
    }

    private static ScheduledStartOutcome Failed(string reason) => new(ScheduledStartKind.Failed, null, [], reason);
}

internal enum ScheduledStartKind
{
    /// <summary>This call created the run's job.</summary>
    Started,
    /// <summary>An earlier invocation of the same slot created it: nothing new was started.</summary>
    AlreadyStarted,
    /// <summary>Rules refused images (<see cref="ScheduledStartOutcome.Problems"/>); nothing was recorded.</summary>
    Refused,
    /// <summary>Any other answer (a malformed request); nothing was recorded.</summary>
    Failed,
}

internal sealed record ScheduledStartOutcome(ScheduledStartKind Kind, string? JobId, IReadOnlyList<Problem> Problems, string? Reason);
