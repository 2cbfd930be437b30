namespace ImageExport.Core.Jobs;

/// <summary>One change to a job; <see cref="JobFold"/> applies it. Fields unused by a type stay null.</summary>
internal sealed record JobEvent
{
    public required string Type { get; init; }
    public required DateTimeOffset At { get; init; }
    public IReadOnlyList<string>? ImageIds { get; init; }
    public ulong? TaskId { get; init; }
    public IReadOnlyList<string>? CosPaths { get; init; }
    public IReadOnlyList<LandedFile>? Files { get; init; }
    public string? Reason { get; init; }
    /// <summary>For <c>stalled</c> and <c>progress-resumed</c>: when the image's bytes last grew.</summary>
    public DateTimeOffset? LastProgressAt { get; init; }
    /// <summary>For the retention events (Schedules/RetentionEvents.cs): the expiry decided or its result.</summary>
    public Schedules.ExpiryRecord? Expiry { get; init; }
    /// <summary>For <c>retention-applied</c>: what this run's retention did to older runs.</summary>
    public Schedules.RetentionReport? Retention { get; init; }
}

internal sealed record LandedFile(string Key, long Size);

internal static class JobEventTypes
{
    /// <summary>A new job; the images it names are claimed for ExportImages by the request that stored it.</summary>
    public const string Requested = "requested";
    /// <summary>Images claimed for an ExportImages call; only the writer that stored this event calls.</summary>
    public const string Submitting = "submitting";
    public const string Submitted = "submitted";
    public const string SubmitUnknown = "submit-unknown";
    /// <summary>An unknown or stale submission found to be running (its files exist, or CVM says the image is busy).</summary>
    public const string SubmitResolved = "submit-resolved";
    /// <summary>A stale unknown submission handed back for one more ExportImages call.</summary>
    public const string Resubmitting = "resubmitting";
    public const string Queued = "queued";
    public const string ImageFailed = "image-failed";
    public const string TimedOut = "timed-out";
    public const string FilesLanded = "files-landed";
    /// <summary>No new bytes of an exporting image for the stall time (observed in the export bucket).</summary>
    public const string Stalled = "stalled";
    /// <summary>Bytes of a stalled image flow again.</summary>
    public const string ProgressResumed = "progress-resumed";
}
