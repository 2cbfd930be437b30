using Serilog;

namespace ImageExport.TencentCloud.Api;

/// <summary>
/// Runs attempts until one succeeds, one fails for good, the attempts run out or the caller cancels. Only a
/// <see cref="RetryableException"/> is retried: deciding what is safe to repeat belongs to each client.
/// </summary>
internal sealed class RetryPolicy(RetryOptions options, TimeProvider time, Random random, ILogger logger)
{
    public RetryOptions Options { get; } = options;

    /// <summary>The policy behind a public client constructor: shared randomness, guarded arguments.</summary>
    public static RetryPolicy Create(RetryOptions? options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        return new RetryPolicy(options ?? RetryOptions.Default, time, Random.Shared, logger);
    }

    public TimeProvider Time { get; } = time;

    /// <param name="attempt">Gets a token that also fires when the attempt times out.</param>
    public async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var maxAttempts = Math.Max(1, Options.MaxAttempts);
        for (var number = 1; ; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan delay;
            using (var timeout = new CancellationTokenSource(Options.AttemptTimeout, Time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    return await attempt(linked.Token).ConfigureAwait(false);
                }
                catch (RetryableException e) when (number < maxAttempts && !cancellationToken.IsCancellationRequested)
                {
                    delay = Backoff(number);
                    logger.Warning(
                        "{Operation} failed with {Code} on attempt {Attempt} of {MaxAttempts}; retrying in {DelayMilliseconds:0} ms",
                        operation, e.Code, number, maxAttempts, delay.TotalMilliseconds);
                }
                catch (RetryableException e)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw e.Final;
                }
            }

            await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Full jitter: uniformly between zero and the capped exponential ceiling, so throttled callers spread out.
    private TimeSpan Backoff(int failedAttempt)
    {
        var ceiling = Options.BaseDelay.Ticks * Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        var capped = Math.Min(ceiling, Options.MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(random.NextDouble() * capped));
    }
}
