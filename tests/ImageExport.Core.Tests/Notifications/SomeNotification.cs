using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

/// <summary>Test data: a completed job of one Linux image exported as two files (system disk and one data disk).</summary>
internal static class SomeNotification
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 4, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset LinkExpiry = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public const long SystemDiskBytes = 10L * 1024 * 1024 * 1024;
    public const long DataDiskBytes = 512L * 1024 * 1024;
    public const string SystemKey = "exports/web_img-8a1b2c3d_system_snap-11aa22bb.raw";
    public const string DataKey = "exports/web_img-8a1b2c3d_data_snap-33cc44dd.raw";

    public static Uri DownloadUrl(string key) => new(
        $"https://backup-1250000000.cos.ap-guangzhou.myqcloud.com/{key}?q-sign-algorithm=sha1&q-ak=AKIDtemp" +
        "&q-sign-time=1772330400%3B1772352000&q-key-time=1772330400%3B1772352000&q-header-list=host&q-url-param-list=" +
        "&q-signature=0123456789abcdef0123456789abcdef01234567&x-cos-security-token=tokentoken");

    public static ExportNotification Completed() => new()
    {
        Id = "job-42:completed",
        JobId = "job-42",
        Outcome = "completed",
        Region = "ap-guangzhou",
        Bucket = "backup-1250000000",
        Format = "raw",
        StartedAt = new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 3, 1, 3, 30, 15, TimeSpan.Zero),
        Images =
        [
            new NotifiedImage
            {
                ImageId = "img-8a1b2c3d",
                ImageName = "web-base",
                OsName = "TencentOS Server 3.1",
                State = "completed",
                Files =
                [
                    new NotifiedFile { Key = SystemKey, Size = SystemDiskBytes, DownloadUrl = DownloadUrl(SystemKey), DownloadUrlExpiresAt = LinkExpiry },
                    new NotifiedFile { Key = DataKey, Size = DataDiskBytes, DownloadUrl = DownloadUrl(DataKey), DownloadUrlExpiresAt = LinkExpiry },
                ],
            },
        ],
    };

    public static ExportNotification Failed(string reason) => Completed() with
    {
        Id = "job-42:failed",
        Outcome = "failed",
        Reason = reason,
        Images =
        [
            new NotifiedImage
            {
                ImageId = "img-8a1b2c3d",
                ImageName = "web-base",
                OsName = "TencentOS Server 3.1",
                State = "failed",
                Reason = reason,
                Files = [],
            },
        ],
    };

    public static ExportNotification UnknownFile() => new()
    {
        Id = "unknown:backup-1250000000/exports/console_xvda.raw",
        JobId = null,
        Outcome = "completed",
        Region = "ap-guangzhou",
        Bucket = "backup-1250000000",
        Images =
        [
            new NotifiedImage
            {
                ImageId = "unknown",
                State = "completed",
                Files = [new NotifiedFile { Key = "exports/console_xvda.raw", Size = 1024 }],
            },
        ],
    };

    public static ExportNotification WithImageName(string name) => Completed() with
    {
        Images = [Completed().Images[0] with { ImageName = name }],
    };
}
