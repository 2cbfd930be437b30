namespace ImageExport.Core.Jobs;

/// <summary>
/// What a run of a schedule carries on its job record. <c>GET /exports</c> shows only <see cref="Name"/> and
/// <see cref="Slot"/> (design.md "Contract: schedules"); the rest is for the poll's retention and the run's notification.
/// A version without schedules reading such a record ignores the whole property.
/// </summary>
internal sealed record ScheduleMark
{
    public required string Name { get; init; }
    /// <summary>The cron firing this run belongs to: the latest at or before the invocation (see <see cref="ScheduleSlot"/>).</summary>
    public required DateTimeOffset Slot { get; init; }
    /// <summary>The schedule's retention when this run started; the newest finished run's policy is the one applied.</summary>
    public RetentionPolicy? Retention { get; init; }
    /// <summary>Images the schedule named that a rule refused: said in the run's notification, not exported.</summary>
    public IReadOnlyList<Problem> Refused { get; init; } = [];
    /// <summary>Files of this job a later run decided to delete, not yet deleted (a crash in between resumes from here).</summary>
    public ExpiryRecord? PendingExpiry { get; init; }
    /// <summary>What this run's retention did to older runs; null until it ran, and the run is announced only after.</summary>
    public RetentionReport? Report { get; init; }
}

/// <summary>A schedule's <c>retention</c>: <c>keepLast</c> completed exports per image and/or <c>maxAgeDays</c>.</summary>
internal sealed record RetentionPolicy(int? KeepLast, int? MaxAgeDays, bool DryRun)
{
    public bool DeletesAnything => KeepLast is not null || MaxAgeDays is not null;
}

/// <summary>An expiry decided for one job: exactly the files to delete (as the job recorded them landed) and why.</summary>
internal sealed record ExpiryRecord
{
    /// <summary>The run whose retention decided it.</summary>
    public required string ByJobId { get; init; }
    public required IReadOnlyList<LandedFile> Files { get; init; }
    public string? Reason { get; init; }
    /// <summary>In the result: the keys COS refused to delete, and why; they stay landed.</summary>
    public IReadOnlyList<RetainedFile> Refused { get; init; } = [];
}

/// <summary>One file retention deleted (or, in a dry run, would delete), or was refused (<see cref="Code"/>).</summary>
internal sealed record RetainedFile(string JobId, string Key, long Size, string? Code = null);

/// <summary>What one run's retention did: deleted (or would delete, in a dry run) and refused, with the bytes freed.</summary>
internal sealed record RetentionReport
{
    public bool DryRun { get; init; }
    public IReadOnlyList<RetainedFile> Deleted { get; init; } = [];
    public IReadOnlyList<RetainedFile> Refused { get; init; } = [];
}
