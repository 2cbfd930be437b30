using System.Globalization;
using ImageExport.Core.Configuration;
using ImageExport.Core.Texts;

namespace ImageExport.Core.Jobs;

/// <summary>An export may run for a base time plus a time per GiB of the disks it writes.</summary>
internal static class ExportTimeout
{
    public static TimeSpan Limit(ImageExportSettings settings, ImageRecord image) =>
        settings.ExportTimeoutBase + settings.ExportTimeoutPerGiB * image.SizeGiB;

    public static bool IsExceeded(ImageExportSettings settings, ImageRecord image, DateTimeOffset now) =>
        image.State == JobStates.Exporting && image.ExportStartedAt is { } started && now - started > Limit(settings, image);

    /// <summary>Why the export failed, in English: job records keep one language whatever each reader speaks.</summary>
    public static string Reason(ImageExportSettings settings, ImageRecord image, DateTimeOffset now)
    {
        var elapsed = now - (image.ExportStartedAt ?? now);
        var files = image.Files.Count(f => f.State == FileStates.Landed);
        var key = image.Submission == Submissions.Unknown ? "reason.timedOutUnknownStart" : "reason.timedOut";
        return Catalog.Format(Language.English, key,
            ("elapsed", Describe(elapsed)),
            ("sizeGiB", image.SizeGiB.ToString(CultureInfo.InvariantCulture)),
            ("limit", Describe(Limit(settings, image))),
            ("landed", files.ToString(CultureInfo.InvariantCulture)),
            ("total", image.Files.Count.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1
            ? $"{((int)span.TotalHours).ToString(CultureInfo.InvariantCulture)}h{span.Minutes.ToString("D2", CultureInfo.InvariantCulture)}m"
            : $"{((int)Math.Ceiling(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture)} min";
}
