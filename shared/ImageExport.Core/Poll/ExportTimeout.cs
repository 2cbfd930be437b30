using System.Globalization;
using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;

namespace ImageExport.Core.Poll;

/// <summary>An export may run for a base time plus a time per GiB of the disks it writes.</summary>
internal static class ExportTimeout
{
    public static TimeSpan Limit(ImageExportSettings settings, ImageRecord image) =>
        settings.ExportTimeoutBase + settings.ExportTimeoutPerGiB * image.SizeGiB;

    public static bool IsExceeded(ImageExportSettings settings, ImageRecord image, DateTimeOffset now) =>
        image.State == JobStates.Exporting && image.ExportStartedAt is { } started && now - started > Limit(settings, image);

    public static string Reason(ImageExportSettings settings, ImageRecord image, DateTimeOffset now)
    {
        var elapsed = now - (image.ExportStartedAt ?? now);
        var files = image.Files.Count(f => f.State == FileStates.Landed);
        return $"timed out after {Describe(elapsed)} (the limit for {image.SizeGiB} GiB is {Describe(Limit(settings, image))}); " +
               $"{files} of {image.Files.Count} file(s) landed" +
               (image.Submission == Submissions.Unknown ? "; whether CVM ever started the export is unknown" : "");
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1
            ? $"{(int)span.TotalHours}h{span.Minutes.ToString("D2", CultureInfo.InvariantCulture)}m"
            : $"{(int)Math.Ceiling(span.TotalMinutes)} min";
}
