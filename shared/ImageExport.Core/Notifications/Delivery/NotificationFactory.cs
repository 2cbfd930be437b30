using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.TencentCloud.Cos;
using Serilog;

namespace ImageExport.Core.Notifications.Delivery;

/// <summary>What a notification says, built from the job record; links are signed at delivery time, so a retry gets fresh ones.</summary>
internal sealed class NotificationFactory(ICosApi cos, ImageExportSettings settings, ILogger log)
{
    public const string Stalled = "stalled";

    public static string Id(string jobId, string outcome) => $"{jobId}:{outcome}";

    public ExportNotification ForJob(JobRecord job) => new()
    {
        Id = Id(job.JobId, job.State),
        JobId = job.JobId,
        Outcome = job.State,
        Region = job.Region,
        Bucket = job.Bucket,
        Format = job.Format,
        StartedAt = job.CreatedAt,
        FinishedAt = job.FinishedAt,
        Reason = job.Reason,
        Images = job.Images.Select(image => new NotifiedImage
        {
            ImageId = image.ImageId,
            ImageName = image.ImageName,
            OsName = image.OsName,
            State = image.State == JobStates.Completed ? JobStates.Completed : JobStates.Failed,
            Reason = image.Reason,
            Files = image.Files.Where(f => f.State == FileStates.Landed).Select(f => File(job.Bucket, f.Key, f.Size ?? 0)).ToList(),
        }).ToList(),
        Run = RunNotifications.ForJob(job),
    };

    /// <summary>
    /// One image of a running job made no progress for the stall time: said once per image (<c>&lt;jobId&gt;:stalled:&lt;imageId&gt;</c>),
    /// with the files landed so far.
    /// </summary>
    public ExportNotification ForStalled(JobRecord job, ImageRecord image) => new()
    {
        Id = $"{Id(job.JobId, Stalled)}:{image.ImageId}",
        JobId = job.JobId,
        Outcome = Stalled,
        Region = job.Region,
        Bucket = job.Bucket,
        Format = job.Format,
        StartedAt = job.CreatedAt,
        Reason = $"no new bytes of {image.ImageId} since {image.LastProgressAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} UTC; the export's time limit still applies",
        Images =
        [
            new NotifiedImage
            {
                ImageId = image.ImageId,
                ImageName = image.ImageName,
                OsName = image.OsName,
                State = image.State,
                Reason = image.Reason,
                Files = image.Files.Where(f => f.State == FileStates.Landed).Select(f => File(job.Bucket, f.Key, f.Size ?? 0)).ToList(),
            },
        ],
    };

    /// <summary>An export-shaped object no job knows: announced with what its name tells.</summary>
    public ExportNotification ForUnknown(UnknownExportRecord record, string hash)
    {
        var shape = ExportKeyShape.Match(record.Key);
        return new ExportNotification
        {
            Id = $"unknown-{hash[..16]}:{JobStates.Completed}",
            JobId = null,
            Outcome = JobStates.Completed,
            Region = settings.Region,
            Bucket = record.Bucket,
            Format = shape?.Format,
            FinishedAt = record.SeenAt,
            Images =
            [
                new NotifiedImage
                {
                    ImageId = shape?.ImageId ?? "unknown",
                    State = JobStates.Completed,
                    Files = [File(record.Bucket, record.Key, record.Size)],
                },
            ],
        };
    }

    private NotifiedFile File(string bucket, string key, long size)
    {
        try
        {
            var link = cos.PresignGetObject(bucket, key, settings.DownloadLinkLifetime);
            // ExpiresAt, not now + lifetime: a link signed with temporary credentials dies with them.
            return new NotifiedFile { Key = key, Size = size, DownloadUrl = link.Url, DownloadUrlExpiresAt = link.ExpiresAt };
        }
        catch (Exception e) when (e is InvalidOperationException or CosException or ArgumentException)
        {
            log.Warning("No download link for {Bucket}/{ObjectKey}: {Reason}", bucket, key, e.Message);
            return new NotifiedFile { Key = key, Size = size };
        }
    }
}
