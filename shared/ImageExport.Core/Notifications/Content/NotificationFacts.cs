using ImageExport.Core.Notifications.Settings;
using ImageExport.Core.Texts;

namespace ImageExport.Core.Notifications.Content;

/// <summary>What every channel says beyond the notification itself: totals, duration, fees, the link expiry.</summary>
internal sealed record NotificationFacts
{
    public required ExportNotification Notification { get; init; }
    public required PricingSettings Pricing { get; init; }
    /// <summary>The reader's language and time zone everything below is written for.</summary>
    public required TextFormat Format { get; init; }
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

    /// <summary>Plain-text title: the email subject, DingTalk's title, Slack's header and fallback.</summary>
    public required string Title { get; init; }

    public bool IsUnknownFile => Notification.JobId is null && Notification.Run is null;

    public bool IsFailed => Is("failed");

    public bool IsStalled => Is("stalled");

    /// <summary>The outcome as the reader says it (<c>completed</c>, <c>已完成</c>, <c>완료</c>); an outcome the catalog lacks stays as it is.</summary>
    public string OutcomeWord => OutcomeIn(Format, Notification.Outcome);

    public static string OutcomeIn(TextFormat format, string outcome)
    {
        var key = "notify.outcome." + outcome.ToLowerInvariant();
        return Catalog.Contains(key) ? format.Text(key) : outcome;
    }

    public static NotificationFacts From(ExportNotification notification, PricingSettings pricing, TextFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        format ??= TextFormat.English;
        var files = notification.Images.SelectMany(image => image.Files).ToList();
        var totalBytes = files.Sum(file => file.Size);

        TimeSpan? duration = notification is { StartedAt: { } started, FinishedAt: { } finished } && finished >= started
            ? finished - started
            : null;

        decimal? monthlyCost = pricing.PricePerGbMonth is { } price
            ? TextFormat.Gigabytes(totalBytes) * price
            : null;

        var expiries = files.Where(file => file.DownloadUrl is not null && file.DownloadUrlExpiresAt is not null)
            .Select(file => file.DownloadUrlExpiresAt!.Value)
            .ToList();

        return new NotificationFacts
        {
            Notification = notification,
            Pricing = pricing,
            Format = format,
            TotalBytes = totalBytes,
            FileCount = files.Count,
            Duration = duration,
            MonthlyStorageCost = monthlyCost,
            EarliestLinkExpiry = expiries.Count == 0 ? null : expiries.Min(),
            FeeNotes = DescribeFees(format, notification.Region, totalBytes, pricing, monthlyCost),
            Title = DescribeTitle(format, notification),
        };
    }

    private bool Is(string outcome) => string.Equals(Notification.Outcome, outcome, StringComparison.OrdinalIgnoreCase);

    private static string DescribeTitle(TextFormat format, ExportNotification n)
    {
        if (n.JobId is not { } jobId)
        {
            return n.Run is { } run
                ? format.Text("notify.title.runNotStarted", ("schedule", run.Schedule))
                : format.Text("notify.title.unknownFile", ("bucket", n.Bucket));
        }

        var key = "notify.title." + n.Outcome.ToLowerInvariant();
        return Catalog.Contains(key)
            ? format.Text(key, ("jobId", jobId))
            : format.Text("notify.title.other", ("outcome", n.Outcome), ("jobId", jobId));
    }

    // The fee notes of Tencent's export guide and COS billing: what keeping and fetching these files costs.
    private static List<string> DescribeFees(TextFormat format, string region, long totalBytes, PricingSettings pricing, decimal? monthlyCost)
    {
        var notes = new List<string>
        {
            format.Text("notify.fees.storage", ("size", format.Size(totalBytes)), ("storageClass", pricing.StorageClass)),
        };
        if (pricing.PricePerGbMonth is { } price && monthlyCost is { } cost)
        {
            notes.Add(format.Text("notify.fees.monthly",
                ("gb", TextFormat.GigabyteFigure(totalBytes)), ("price", TextFormat.Price(price)), ("currency", pricing.Currency),
                ("cost", format.Money(cost))));
        }

        notes.Add(format.Text("notify.fees.requests"));
        notes.Add(format.Text("notify.fees.publicTraffic"));
        notes.Add(format.Text("notify.fees.privateTraffic", ("region", region)));
        return notes;
    }
}
