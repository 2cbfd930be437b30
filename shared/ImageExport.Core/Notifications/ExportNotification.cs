namespace ImageExport.Core.Notifications;

/// <summary>What one notification says about one job's outcome; every channel renders the same facts.</summary>
public sealed record ExportNotification
{
    /// <summary>Stable per job and outcome, so receivers can deduplicate: <c>&lt;jobId&gt;:&lt;outcome&gt;</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The job, or null for an export-shaped file that no job knows (announced as such).</summary>
    public string? JobId { get; init; }
    /// <summary><c>completed</c>, <c>failed</c>, or <c>stalled</c> (an export still running but making no progress).</summary>
    public required string Outcome { get; init; }
    public required string Region { get; init; }
    public required string Bucket { get; init; }
    /// <summary>raw, qcow2, vhd or vmdk.</summary>
    public string? Format { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Why the job failed, when it did.</summary>
    public string? Reason { get; init; }
    public required IReadOnlyList<NotifiedImage> Images { get; init; }
    /// <summary>For a run of a schedule: what it started, refused and deleted (null for any other export).</summary>
    public NotifiedRun? Run { get; init; }
}

/// <summary>A schedule's run: the images it started and refused, and what its retention deleted from older runs.</summary>
public sealed record NotifiedRun
{
    public required string Schedule { get; init; }
    /// <summary>The cron firing the run belongs to; null when the schedule could not be read.</summary>
    public DateTimeOffset? Slot { get; init; }
    public IReadOnlyList<string> Started { get; init; } = [];
    /// <summary>Images the schedule chose that a rule refused (or the whole run's reason, with no image).</summary>
    public IReadOnlyList<NotifiedRefusal> Refused { get; init; } = [];
    /// <summary>Retention ran as a dry run: <see cref="Deleted"/> is what it would have deleted.</summary>
    public bool RetentionDryRun { get; init; }
    public IReadOnlyList<NotifiedDeletion> Deleted { get; init; } = [];
    /// <summary>Files retention was refused permission to delete; they are still there.</summary>
    public IReadOnlyList<NotifiedDeletion> DeleteRefused { get; init; } = [];
}

public sealed record NotifiedRefusal(string? ImageId, string Code, string Message);

public sealed record NotifiedDeletion(string JobId, string Key, long Size, string? Code = null);

public sealed record NotifiedImage
{
    public required string ImageId { get; init; }
    public string? ImageName { get; init; }
    public string? OsName { get; init; }
    /// <summary><c>completed</c> or <c>failed</c>; <c>exporting</c> in a <c>stalled</c> notification.</summary>
    public required string State { get; init; }
    public string? Reason { get; init; }
    public required IReadOnlyList<NotifiedFile> Files { get; init; }
}

public sealed record NotifiedFile
{
    public required string Key { get; init; }
    public long Size { get; init; }
    public Uri? DownloadUrl { get; init; }
    /// <summary>When the link really stops working (temporary credentials end it early).</summary>
    public DateTimeOffset? DownloadUrlExpiresAt { get; init; }
}

/// <summary>One way of telling people (webhook, WeCom, DingTalk, Slack, email).</summary>
public interface INotificationChannel
{
    /// <summary>Stable name recorded with each delivery: <c>webhook</c>, <c>wecom</c>, <c>dingtalk</c>, <c>slack</c>, <c>email</c>.</summary>
    string Name { get; }

    /// <summary>Delivers once; throws when the receiver did not accept it (the caller records and retries later).</summary>
    Task DeliverAsync(ExportNotification notification, CancellationToken cancellationToken);
}
