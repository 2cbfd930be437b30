namespace ImageExport.TencentCloud.Api;

/// <summary>How often and how patiently a failed call is tried again (exponential backoff with full jitter).</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The ceiling of the first delay; it doubles per attempt up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt (request and response body) may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public static RetryOptions Default { get; } = new();
}
