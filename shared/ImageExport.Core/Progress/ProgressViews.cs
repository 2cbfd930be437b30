using ImageExport.Core.Jobs;

namespace ImageExport.Core.Progress;

/// <summary>
/// The progress the API shows (design.md, "progress of a running export"): per file from the record, per image and
/// job summed honestly: bytes of every file, a percent over the files whose final size is known, and an expected total
/// and ETA only when every file's size is known.
/// </summary>
internal static class ProgressViews
{
    public static ProgressView? ForFile(JobRecord job, ImageRecord image, FileRecord file, ProgressRecord? record)
    {
        if (file.State == FileStates.Landed && file.Size is { } size)
        {
            return new ProgressView { Bytes = size, ExpectedBytes = size, Percent = 100, EtaSeconds = 0, ObservedAt = file.LandedAt ?? job.UpdatedAt };
        }
        if (image.State != JobStates.Exporting || record?.File(file.Key) is not { } observed)
        {
            return null;
        }

        var expected = ExpectedSize.ForFile(job, image, file.Key);
        var rate = image.Stalled ? 0 : observed.BytesPerSecond;
        return new ProgressView
        {
            Bytes = observed.Bytes,
            ExpectedBytes = expected,
            Percent = expected is { } e ? Percent(observed.Bytes, e) : null,
            BytesPerSecond = rate,
            EtaSeconds = expected is { } total && rate is > 0 ? Eta(Math.Max(0, total - observed.UploadBytes), rate.Value) : null,
            ObservedAt = observed.ObservedAt,
            Restarts = observed.Restarts > 0 ? observed.Restarts : null,
        };
    }

    /// <summary>Null when none of the files has anything observed.</summary>
    public static ProgressView? Sum(IReadOnlyList<(ProgressView? View, long? Expected, bool Landed)> files)
    {
        var seen = files.Where(f => f.View is not null).Select(f => f.View!).ToList();
        if (seen.Count == 0)
        {
            return null;
        }

        var known = files.Where(f => f.Expected is not null || f.Landed).ToList();
        var knownTotal = known.Sum(f => f.Landed ? f.View!.Bytes : f.Expected!.Value);
        var knownBytes = known.Sum(f => f.View?.Bytes ?? 0);
        var allKnown = known.Count == files.Count;
        var rates = files.Where(f => !f.Landed && f.View?.BytesPerSecond is not null).Select(f => f.View!.BytesPerSecond!.Value).ToList();
        double? rate = rates.Count > 0 ? rates.Sum() : null;
        var remaining = known.Where(f => !f.Landed).Sum(f => Math.Max(0, f.Expected!.Value - (f.View?.Bytes ?? 0)));
        return new ProgressView
        {
            Bytes = seen.Sum(v => v.Bytes),
            ExpectedBytes = allKnown ? knownTotal : null,
            Percent = knownTotal > 0 ? Percent(knownBytes, knownTotal) : null,
            BytesPerSecond = rate,
            EtaSeconds = allKnown ? remaining == 0 ? 0 : rate is > 0 ? Eta(remaining, rate.Value) : null : null,
            ObservedAt = seen.Max(v => v.ObservedAt),
        };
    }

    private static double Percent(long bytes, long total) => Math.Min(100, Math.Round(bytes * 100.0 / total, 1));

    private static long Eta(long remaining, double rate) => (long)Math.Ceiling(remaining / rate);
}

/// <summary>Observed progress as the API shows it; absent where nothing was observed.</summary>
internal sealed record ProgressView
{
    public required long Bytes { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public long? ExpectedBytes { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public double? Percent { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public double? BytesPerSecond { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public long? EtaSeconds { get; init; }
    public required DateTimeOffset ObservedAt { get; init; }
    /// <summary>How often CVM started a file's upload over (beyond the contract's fields; absent when never).</summary>
    public int? Restarts { get; init; }
}
