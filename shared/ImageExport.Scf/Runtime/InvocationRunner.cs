using Serilog;
using Serilog.Context;

namespace ImageExport.Scf.Runtime;

/// <summary>
/// Runs one invocation for either mode: a cancellation that fires a safety margin before SCF's deadline, and the
/// one place that decides what a failure tells the caller (type and message) versus the log (everything). Public
/// so that a host running handlers in its own process (the local stack) runs them exactly as the binary does.
/// </summary>
public sealed class InvocationRunner(IFunctionHandler handler, FunctionHostOptions options, ILogger logger)
{
    private const int MaxErrorLength = 1024;

    /// <summary>
    /// Runs the handler once under the invocation's deadline; a handler failure or timeout is an outcome, not an
    /// exception.
    /// </summary>
    /// <param name="stopping">The host is shutting down.</param>
    public async Task<InvocationOutcome> RunAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken stopping)
    {
        var time = options.TimeProvider;
        var margin = options.SafetyMarginFor(context.TimeLimit);
        var untilCancel = context.Deadline - margin - time.GetUtcNow();
        using var deadline = new CancellationTokenSource(untilCancel > TimeSpan.Zero ? untilCancel : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        // Pushed for the handler's own log events too, when the logger enriches from the log context.
        using var _ = LogContext.PushProperty("RequestId", context.RequestId);
        var log = logger.ForContext("RequestId", context.RequestId);
        var started = time.GetTimestamp();
        log.Information("Invocation {RequestId} started: {Handler}, {TimeLimitMs} ms, {MemoryLimitInMb} MB, {PayloadBytes} bytes",
            context.RequestId, context.Handler, (long)context.TimeLimit.TotalMilliseconds, context.MemoryLimitInMb, payload.Length);
        try
        {
            var response = await handler.HandleAsync(payload, context, linked.Token).ConfigureAwait(false);
            log.Information("Invocation {RequestId} succeeded in {ElapsedMs} ms with {ResponseBytes} bytes",
                context.RequestId, (long)time.GetElapsedTime(started).TotalMilliseconds, response?.Length ?? 0);
            return InvocationOutcome.Success(response ?? []);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            log.Error(e, "Invocation {RequestId} ran into its deadline after {ElapsedMs} ms (cancelled {MarginMs} ms before the {TimeLimitMs} ms limit)",
                context.RequestId, (long)time.GetElapsedTime(started).TotalMilliseconds, (long)margin.TotalMilliseconds, (long)context.TimeLimit.TotalMilliseconds);
            return InvocationOutcome.Failure(
                $"Timeout: the handler was cancelled {(long)margin.TotalMilliseconds} ms before the {(long)context.TimeLimit.TotalMilliseconds} ms time limit.",
                timedOut: true);
        }
        catch (Exception e)
        {
            log.Error(e, "Invocation {RequestId} failed after {ElapsedMs} ms", context.RequestId, (long)time.GetElapsedTime(started).TotalMilliseconds);
            return InvocationOutcome.Failure(Describe(e));
        }
    }

    // The caller sees what failed, not where: stack traces stay in the function log.
    internal static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }
}
