using System.Text.Json.Serialization;
using ImageExport.Core.Jobs;
using ImageExport.Core.Progress;

namespace ImageExport.Core.Http;

/// <summary>Every error answer: <c>{"error":{"code","message",…}}</c>.</summary>
internal sealed record ErrorEnvelope(ErrorBody Error);

internal sealed record ErrorBody
{
    public required string Code { get; init; }
    public required string Message { get; init; }
    /// <summary>The request fields at fault (400).</summary>
    public IReadOnlyList<string>? Fields { get; init; }
    /// <summary>Every rule the request breaks (422).</summary>
    public IReadOnlyList<Problem>? Problems { get; init; }
    public string? JobId { get; init; }
}

/// <summary>A job as the HTTP API shows it.</summary>
internal sealed record JobView
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
    /// <summary>On a run of a schedule: <c>{"name","slot"}</c> (design.md "Contract: schedules").</summary>
    public ScheduleView? Schedule { get; init; }
    public required IReadOnlyList<ImageView> Images { get; init; }
    /// <summary>Observed progress of the whole job (see <see cref="ProgressViews"/>); absent when nothing was observed.</summary>
    public ProgressView? Progress { get; init; }
    /// <summary>Only in <c>GET /exports/{jobId}</c> (see <see cref="JobDetails"/>).</summary>
    public IReadOnlyList<DownloadLink>? Downloads { get; init; }
    /// <summary>Only in <c>GET /exports/{jobId}</c> (see <see cref="JobDetails"/>).</summary>
    public IReadOnlyList<NotificationStatus>? Notifications { get; init; }

    public static JobView From(JobRecord job) => From(job, null);

    /// <summary>The job with the progress <paramref name="progress"/> records (null: only what landed files show).</summary>
    public static JobView From(JobRecord job, ProgressRecord? progress)
    {
        var images = job.Images.Select(i => ImageView.From(job, i, progress)).ToList();
        return new JobView
        {
            JobId = job.JobId,
            State = job.State,
            CreatedAt = job.CreatedAt,
            UpdatedAt = job.UpdatedAt,
            FinishedAt = job.FinishedAt,
            Bucket = job.Bucket,
            Region = job.Region,
            Prefix = job.Prefix,
            Format = job.Format,
            OnlyRootDisk = job.OnlyRootDisk,
            Reason = job.Reason,
            Schedule = ScheduleView.From(job.Schedule),
            Images = images,
            Progress = ProgressViews.Sum(images.SelectMany(i => i.Parts).ToList()),
        };
    }
}

internal sealed record ImageView
{
    public required string ImageId { get; init; }
    public string? ImageName { get; init; }
    public string? OsName { get; init; }
    public required string State { get; init; }
    /// <summary><c>submitting</c>, <c>unknown</c> or <c>submitted</c> while exporting.</summary>
    public string? Submission { get; init; }
    public ulong? TaskId { get; init; }
    public required IReadOnlyList<string> CosPaths { get; init; }
    public required IReadOnlyList<FileView> Files { get; init; }
    public required IReadOnlyList<Problem> Problems { get; init; }
    public string? Reason { get; init; }
    public string? QueueReason { get; init; }
    /// <summary>No new bytes for the stall time (design.md); cleared when bytes flow again.</summary>
    public bool Stalled { get; init; }
    public DateTimeOffset? LastProgressAt { get; init; }
    public ProgressView? Progress { get; init; }

    /// <summary>Each file's progress with whether its final size is known, for summing at the job.</summary>
    [JsonIgnore]
    internal IReadOnlyList<(ProgressView? View, long? Expected, bool Landed)> Parts { get; init; } = [];

    public static ImageView From(JobRecord job, ImageRecord image, ProgressRecord? progress)
    {
        var files = image.Files.Select(f => new FileView
        {
            Key = f.Key,
            State = f.State,
            Size = f.Size,
            LandedAt = f.LandedAt,
            DeletedAt = f.DeletedAt,
            Progress = ProgressViews.ForFile(job, image, f, progress),
        }).ToList();
        var parts = image.Files.Select((f, n) => (files[n].Progress, ExpectedSize.ForFile(job, image, f.Key), f.State == FileStates.Landed)).ToList();
        var lastProgress = progress is null ? null : image.Files.Select(f => progress.File(f.Key)?.LastProgressAt).Concat(image.Files.Select(f => f.LandedAt)).Max();
        return new ImageView
        {
            ImageId = image.ImageId,
            ImageName = image.ImageName,
            OsName = image.OsName,
            State = image.State,
            Submission = image.Submission,
            TaskId = image.TaskId,
            CosPaths = image.CosPaths,
            Files = files,
            Problems = image.Problems,
            Reason = image.Reason,
            QueueReason = image.QueueReason,
            Stalled = image.Stalled,
            LastProgressAt = lastProgress ?? image.LastProgressAt,
            Progress = ProgressViews.Sum(parts),
            Parts = parts,
        };
    }
}

internal sealed record FileView
{
    public required string Key { get; init; }
    public required string State { get; init; }
    public long? Size { get; init; }
    public DateTimeOffset? LandedAt { get; init; }
    /// <summary>When a schedule's retention deleted the file (state <c>deleted</c>).</summary>
    public DateTimeOffset? DeletedAt { get; init; }
    public ProgressView? Progress { get; init; }
}

internal sealed record JobListView
{
    public required IReadOnlyList<JobView> Jobs { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NextCursor { get; init; }
}

/// <summary>The answer to a dry run: a verdict per image and nothing recorded.</summary>
internal sealed record DryRunView
{
    public bool DryRun { get; init; } = true;
    public required bool Exportable { get; init; }
    public required string Bucket { get; init; }
    public required string Region { get; init; }
    public required string Format { get; init; }
    public required IReadOnlyList<ImageVerdict> Images { get; init; }
    /// <summary>Problems of the bucket, which concern every image.</summary>
    public required IReadOnlyList<Problem> Problems { get; init; }
}

internal sealed record ImageVerdict
{
    public required string ImageId { get; init; }
    public string? ImageName { get; init; }
    public string? OsName { get; init; }
    public required bool Exportable { get; init; }
    public required IReadOnlyList<Problem> Problems { get; init; }
}

internal sealed record CatalogView(string Region, IReadOnlyList<CatalogImage> Images);

internal sealed record CatalogImage
{
    public required string ImageId { get; init; }
    public string? ImageName { get; init; }
    public string? OsName { get; init; }
    public string? Platform { get; init; }
    public string? ImageState { get; init; }
    public string? ImageType { get; init; }
    public long ImageSize { get; init; }
    public required IReadOnlyList<DiskRecord> Disks { get; init; }
    public required bool Exportable { get; init; }
    public required IReadOnlyList<Problem> Problems { get; init; }
}

internal sealed record HealthView(string Status);
