namespace ImageExport.Core.Jobs;

/// <summary>A job as the fold of its events leaves it; every stored event carries the record it produced.</summary>
internal sealed record JobRecord
{
    public required string JobId { get; init; }
    /// <summary>Sequence number of the event that produced this record (1 = requested).</summary>
    public int Seq { get; init; }
    public required string State { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required string Bucket { get; init; }
    public required string Region { get; init; }
    public required string Prefix { get; init; }
    /// <summary>Lower case: raw, qcow2, vhd or vmdk.</summary>
    public required string Format { get; init; }
    public bool OnlyRootDisk { get; init; }
    public required string RoleName { get; init; }
    /// <summary>Why the job failed, when it did.</summary>
    public string? Reason { get; init; }
    public required IReadOnlyList<ImageRecord> Images { get; init; }
    /// <summary>Set on a run of a schedule (Schedules/): its name and slot, its retention, what retention did.</summary>
    public ScheduleMark? Schedule { get; init; }

    public bool IsTerminal => JobStates.IsTerminal(State);

    public ImageRecord? Image(string imageId) => Images.FirstOrDefault(i => i.ImageId == imageId);
}

internal sealed record ImageRecord
{
    public required string ImageId { get; init; }
    public string? ImageName { get; init; }
    public string? OsName { get; init; }
    /// <summary>GiB of the disks this job exports; the export's time limit grows with it.</summary>
    public long SizeGiB { get; init; }
    public IReadOnlyList<DiskRecord> Disks { get; init; } = [];
    public required string State { get; init; }
    public string? Submission { get; init; }
    public DateTimeOffset? SubmissionChangedAt { get; init; }
    /// <summary>When an export of this image was first (possibly) started; its time limit counts from here.</summary>
    public DateTimeOffset? ExportStartedAt { get; init; }
    /// <summary>How often the image was submitted again after an unknown outcome (bounded by IMAGEEXPORT_UNKNOWN_RESUBMIT_LIMIT).</summary>
    public int UnknownResubmissions { get; init; }
    public ulong? TaskId { get; init; }
    public IReadOnlyList<string> CosPaths { get; init; } = [];
    public IReadOnlyList<FileRecord> Files { get; init; } = [];
    public string? QueueReason { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public IReadOnlyList<Problem> Problems { get; init; } = [];
    /// <summary>No new bytes were observed for the stall time (until they flow again); see <c>Progress/StallRule</c>.</summary>
    public bool Stalled { get; init; }
    /// <summary>When the image's bytes last grew, as of its latest stalled/resumed event.</summary>
    public DateTimeOffset? LastProgressAt { get; init; }

    public bool IsTerminal => JobStates.IsTerminal(State);

    /// <summary>Counts against the concurrent-export cap: started (or maybe started) and not yet finished.</summary>
    public bool IsRunning => State == JobStates.Exporting;
}

internal sealed record DiskRecord
{
    public required string SnapshotId { get; init; }
    /// <summary><c>SYSTEM_DISK</c> or <c>DATA_DISK</c>.</summary>
    public required string Usage { get; init; }
    public long SizeGiB { get; init; }
}

internal sealed record FileRecord
{
    /// <summary>The object key, without a leading slash.</summary>
    public required string Key { get; init; }
    public required string State { get; init; }
    public long? Size { get; init; }
    public DateTimeOffset? LandedAt { get; init; }
    /// <summary>When retention deleted the object (state <c>deleted</c>).</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}
