namespace ImageExport.Cli.Api;

/// <summary>How the client retries 429/502/503/504 and connection failures.</summary>
internal sealed record RetrySettings
{
    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The first back-off; it doubles with each retry (with jitter), up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A longer Retry-After than this is cut to it, so a wrong header cannot park a pipeline for hours.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan DelayBefore(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after)
        {
            return after < TimeSpan.Zero ? TimeSpan.Zero : after > MaxRetryAfter ? MaxRetryAfter : after;
        }

        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        // Jitter of up to a quarter, so many pipelines retrying at once do not arrive together again.
        var jittered = exponential * (1 + (Random.Shared.NextDouble() * 0.25));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }
}
