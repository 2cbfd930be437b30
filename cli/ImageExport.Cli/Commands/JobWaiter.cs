using ImageExport.Cli.Api;
using ImageExport.Cli.Hosting;

namespace ImageExport.Cli.Commands;

/// <summary>How a wait ended: the last answer read, and whether the time ran out first.</summary>
internal sealed record WaitOutcome(ApiAnswer<Job>? Last, bool TimedOut)
{
    public int ExitCode => TimedOut || Last is null ? ExitCodes.WaitTimedOut
        : Last.Value.State == JobStates.Completed ? ExitCodes.Ok
        : Last.Value.State == JobStates.Failed ? ExitCodes.ExportFailed
        : ExitCodes.WaitTimedOut;
}

/// <summary>Reads a job every poll interval until it is completed or failed, or until the timeout.</summary>
internal sealed class JobWaiter(ApiClient client, CliHost host)
{
    /// <param name="onAnswer">Called with every answer, the last (terminal) one included.</param>
    public async Task<WaitOutcome> WaitAsync(string jobId, TimeSpan? timeout, Func<ApiAnswer<Job>, Task> onAnswer, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Timeout.InfiniteTimeSpan, host.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        ApiAnswer<Job>? last = null;
        try
        {
            while (true)
            {
                // A failure here that retries did not fix (the service gone, the token revoked) ends the wait with its own code.
                last = await client.JobAsync(jobId, linked.Token).ConfigureAwait(false);
                await onAnswer(last).ConfigureAwait(false);
                if (JobStates.IsTerminal(last.Value.State))
                {
                    return new WaitOutcome(last, TimedOut: false);
                }

                await Task.Delay(host.PollInterval, host.Time, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new WaitOutcome(last, TimedOut: true);
        }
    }
}
