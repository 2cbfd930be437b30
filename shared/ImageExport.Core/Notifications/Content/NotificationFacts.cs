namespace ImageExport.Core.Notifications;

/// <summary>What every channel says beyond the notification itself: totals, duration, fees, the link expiry.</summary>
internal sealed record NotificationFacts
{
    public required ExportNotification Notification { get; init; }
    public required PricingSettings Pricing { get; init; }
    public required long TotalBytes { get; init; }
    public required int FileCount { get; init; }
    /// <summary>Null when the start or the end is unknown (or the clocks disagree).</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Only with a configured price per GB-month: total GB (2^30 bytes) × price, for a whole month.</summary>
    public decimal? MonthlyStorageCost { get; init; }
    /// <summary>The first download link to die; what "the links work until" means for the whole message.</summary>
    public DateTimeOffset? EarliestLinkExpiry { get; init; }
    /// <summary>Plain sentences; each channel escapes them for its markup.</summary>
    public required IReadOnlyList<string> FeeNotes { get; init; }

    public bool IsUnknownFile => Notification.JobId is null;

    public bool IsStalled => string.Equals(Notification.Outcome, "stalled", StringComparison.OrdinalIgnoreCase);

    public bool IsFailed => string.Equals(Notification.Outcome, "failed", StringComparison.OrdinalIgnoreCase);

    /// <summary>Plain-text title: the email subject, DingTalk's title, Slack's header and fallback.</summary>
    public string Title => IsUnknownFile
        ? $"An export-shaped file no job knows landed in {Notification.Bucket}"
        : IsFailed
            ? $"Image export failed: job {Notification.JobId}"
            : $"Image export {Notification.Outcome}: job {Notification.JobId}";

    public static NotificationFacts From(ExportNotification notification, PricingSettings pricing)
    {
        var files = notification.Images.SelectMany(image => image.Files).ToList();
        var totalBytes = files.Sum(file => file.Size);

        TimeSpan? duration = notification is { StartedAt: { } started, FinishedAt: { } finished } && finished >= started
            ? finished - started
            : null;

        decimal? monthlyCost = pricing.PricePerGbMonth is { } price
            ? HumanFormat.Gigabytes(totalBytes) * price
            : null;

        var expiries = files.Where(file => file.DownloadUrl is not null && file.DownloadUrlExpiresAt is not null)
            .Select(file => file.DownloadUrlExpiresAt!.Value)
            .ToList();

        return new NotificationFacts
        {
            Notification = notification,
            Pricing = pricing,
            TotalBytes = totalBytes,
            FileCount = files.Count,
            Duration = duration,
            MonthlyStorageCost = monthlyCost,
            EarliestLinkExpiry = expiries.Count == 0 ? null : expiries.Min(),
            FeeNotes = DescribeFees(notification.Region, totalBytes, pricing, monthlyCost),
        };
    }

    // The fee notes of Tencent's export guide and COS billing: what keeping and fetching these files costs.
    private static List<string> DescribeFees(string region, long totalBytes, PricingSettings pricing, decimal? monthlyCost)
    {
        var notes = new List<string>
        {
            $"COS storage is billed by size and storage class: {HumanFormat.Size(totalBytes)} stored as {pricing.StorageClass}.",
        };
        if (pricing.PricePerGbMonth is { } price && monthlyCost is { } cost)
        {
            notes.Add(
                $"Monthly storage cost: {HumanFormat.GigabyteFigure(totalBytes)} GB × {HumanFormat.Price(price)} {pricing.Currency} per GB-month " +
                $"≈ {HumanFormat.Money(cost)} {pricing.Currency} per month (1 GB counted as 2^30 bytes; delete the files to stop it).");
        }

        notes.Add("Write requests are billed: the export's uploads into the bucket are COS write requests.");
        notes.Add("Downloading over the public network is billed (COS public downstream traffic).");
        notes.Add($"Downloading over the private network from the same region ({region}) is free.");
        return notes;
    }
}
