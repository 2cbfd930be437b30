namespace ImageExport.Cli.Api;

// The client's view of the HTTP API's bodies (docs/openapi.yaml, components/schemas). They are the CLI's own types,
// not the service's: a test checks both ways that every property here is in the document and every property of the
// document's schema is here, so the client cannot silently drop a field the service sends.

/// <summary>schema Job.</summary>
internal sealed record Job
{
    public required string JobId { get; init; }
    public required string State { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required string Bucket { get; init; }
    public required string Region { get; init; }
    public required string Prefix { get; init; }
    public required string Format { get; init; }
    public bool OnlyRootDisk { get; init; }
    public string? Reason { get; init; }
    /// <summary>On a run of a schedule: its name and slot.</summary>
    public JobSchedule? Schedule { get; init; }
    public required IReadOnlyList<JobImage> Images { get; init; }
    /// <summary>The job's observed progress, summed over its files.</summary>
    public FileProgress? Progress { get; init; }
    /// <summary>Only in <c>GET /exports/{jobId}</c>: a presigned link per landed file.</summary>
    public IReadOnlyList<DownloadLink>? Downloads { get; init; }
    /// <summary>Only in <c>GET /exports/{jobId}</c>: each notification's state per channel.</summary>
    public IReadOnlyList<NotificationStatus>? Notifications { get; init; }
}

/// <summary>schema JobSchedule.</summary>
internal sealed record JobSchedule
{
    public required string Name { get; init; }
    public required DateTimeOffset Slot { get; init; }
}

/// <summary>schema DownloadLink.</summary>
internal sealed record DownloadLink
{
    public required string Key { get; init; }
    public required string Url { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>schema NotificationStatus.</summary>
internal sealed record NotificationStatus
{
    public required string Outcome { get; init; }
    public required string Channel { get; init; }
    public required string Status { get; init; }
    public required int Attempts { get; init; }
    public DateTimeOffset? At { get; init; }
}

/// <summary>schema JobImage.</summary>
internal sealed record JobImage
{
    public required string ImageId { get; init; }
    public string? ImageName { get; init; }
    public string? OsName { get; init; }
    public required string State { get; init; }
    public string? Submission { get; init; }
    public ulong? TaskId { get; init; }
    public IReadOnlyList<string> CosPaths { get; init; } = [];
    public IReadOnlyList<JobFile> Files { get; init; } = [];
    public IReadOnlyList<Problem> Problems { get; init; } = [];
    public string? Reason { get; init; }
    public string? QueueReason { get; init; }
    /// <summary>No progress for the configured time (design.md, "progress of a running export").</summary>
    public bool? Stalled { get; init; }
    /// <summary>The image's observed progress, summed over its files.</summary>
    public FileProgress? Progress { get; init; }
    public DateTimeOffset? LastProgressAt { get; init; }
}

/// <summary>schema JobFile.</summary>
internal sealed record JobFile
{
    public required string Key { get; init; }
    public required string State { get; init; }
    public long? Size { get; init; }
    public DateTimeOffset? LandedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public FileProgress? Progress { get; init; }
}

/// <summary>schema FileProgress: observed from the export bucket, absent until something was observed.</summary>
internal sealed record FileProgress
{
    public long Bytes { get; init; }
    public long? ExpectedBytes { get; init; }
    public double? Percent { get; init; }
    public double? BytesPerSecond { get; init; }
    public double? EtaSeconds { get; init; }
    public DateTimeOffset ObservedAt { get; init; }
    public int? Restarts { get; init; }
}

/// <summary>schema Problem.</summary>
internal sealed record Problem
{
    public string? ImageId { get; init; }
    public string? Bucket { get; init; }
    public required string Code { get; init; }
    public required string Message { get; init; }
    public string? CvmCode { get; init; }
}

/// <summary>schema JobList.</summary>
internal sealed record JobList
{
    public required IReadOnlyList<Job> Jobs { get; init; }
    public string? NextCursor { get; init; }
}

/// <summary>schema DryRun.</summary>
internal sealed record DryRunResult
{
    public bool DryRun { get; init; }
    public required bool Exportable { get; init; }
    public required string Bucket { get; init; }
    public required string Region { get; init; }
    public required string Format { get; init; }
    public required IReadOnlyList<ImageVerdict> Images { get; init; }
    public IReadOnlyList<Problem> Problems { get; init; } = [];
}

/// <summary>schema ImageVerdict.</summary>
internal sealed record ImageVerdict
{
    public required string ImageId { get; init; }
    public string? ImageName { get; init; }
    public string? OsName { get; init; }
    public required bool Exportable { get; init; }
    public IReadOnlyList<Problem> Problems { get; init; } = [];
}

/// <summary>schema Catalog.</summary>
internal sealed record Catalog
{
    public required string Region { get; init; }
    public required IReadOnlyList<CatalogImage> Images { get; init; }
}

/// <summary>schema CatalogImage.</summary>
internal sealed record CatalogImage
{
    public required string ImageId { get; init; }
    public string? ImageName { get; init; }
    public string? OsName { get; init; }
    public string? Platform { get; init; }
    public string? ImageState { get; init; }
    public string? ImageType { get; init; }
    public long ImageSize { get; init; }
    public IReadOnlyList<CatalogDisk> Disks { get; init; } = [];
    public required bool Exportable { get; init; }
    public IReadOnlyList<Problem> Problems { get; init; } = [];
}

/// <summary>schema Disk.</summary>
internal sealed record CatalogDisk
{
    public required string SnapshotId { get; init; }
    public required string Usage { get; init; }
    public long SizeGiB { get; init; }
}

/// <summary>schema Error.</summary>
internal sealed record ErrorEnvelope
{
    public required ErrorBody Error { get; init; }
}

/// <summary>schema ErrorBody.</summary>
internal sealed record ErrorBody
{
    public required string Code { get; init; }
    public required string Message { get; init; }
    public IReadOnlyList<string>? Fields { get; init; }
    public IReadOnlyList<Problem>? Problems { get; init; }
    public string? JobId { get; init; }
}

/// <summary>schema Health.</summary>
internal sealed record Health
{
    public required string Status { get; init; }
}

/// <summary>schema ExportRequest (the body of POST /exports; roleName is left to the service's default).</summary>
internal sealed record ExportRequest
{
    public required IReadOnlyList<string> ImageIds { get; init; }
    public string? Bucket { get; init; }
    public string? Prefix { get; init; }
    public string? Format { get; init; }
    public bool OnlyRootDisk { get; init; }
    public bool DryRun { get; init; }
}

internal static class JobStates
{
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static bool IsTerminal(string state) => state is Completed or Failed;
}
