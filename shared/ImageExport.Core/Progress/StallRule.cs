using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;

namespace ImageExport.Core.Progress;

/// <summary>
/// An exporting image is stalled when no new bytes of it were seen for the stall time: configured, or derived from
/// what the rate makes plausible (five part-times at the observed rate: a 5 GiB part at 50 MB/s is 107 s, so a
/// few minutes of silence is normal; never under 15 minutes, never over 6 hours). It is measured from the newest
/// part (or upload start, or landed file), so an image with nothing observed yet is never called stalled: the export's
/// time limit covers that. The flag clears as soon as bytes grow again; the time limit stays the last resort.
/// </summary>
internal static class StallRule
{
    private static readonly TimeSpan AutomaticFloor = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan AutomaticCeiling = TimeSpan.FromHours(6);
    private const double PartTimes = 5;

    public static JobEvent? Decide(ImageExportSettings settings, ImageRecord image, ProgressRecord record, DateTimeOffset now)
    {
        if (image.State != JobStates.Exporting)
        {
            return null;
        }

        var observed = image.Files.Select(f => record.File(f.Key)).OfType<FileProgress>().ToList();
        if (observed.Count == 0)
        {
            return null;
        }

        var last = observed.Select(f => f.LastProgressAt)
            .Concat(image.Files.Select(f => f.LandedAt))
            .OfType<DateTimeOffset>()
            .DefaultIfEmpty()
            .Max();
        if (last == default)
        {
            return null;
        }

        if (!image.Stalled && now - last > Threshold(settings, observed))
        {
            return new JobEvent { Type = JobEventTypes.Stalled, At = now, ImageIds = [image.ImageId], LastProgressAt = last };
        }
        if (image.Stalled && (image.LastProgressAt is null || last > image.LastProgressAt))
        {
            return new JobEvent { Type = JobEventTypes.ProgressResumed, At = now, ImageIds = [image.ImageId], LastProgressAt = last };
        }
        return null;
    }

    public static TimeSpan Threshold(ImageExportSettings settings, IEnumerable<FileProgress> files)
    {
        if (settings.StallAfter is { } configured)
        {
            return configured;
        }

        var partSeconds = files.Where(f => f.BytesPerSecond is > 0 && f.LargestPart > 0).Select(f => f.LargestPart / f.BytesPerSecond!.Value).DefaultIfEmpty(0).Max();
        var derived = TimeSpan.FromSeconds(Math.Min(partSeconds * PartTimes, AutomaticCeiling.TotalSeconds));
        return derived < AutomaticFloor ? AutomaticFloor : derived;
    }
}
