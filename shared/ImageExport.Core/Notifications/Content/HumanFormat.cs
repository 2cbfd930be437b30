using System.Globalization;

namespace ImageExport.Core.Notifications;

/// <summary>How sizes, durations and instants read in every message, the same in each channel.</summary>
internal static class HumanFormat
{
    /// <summary>2^30: the GB every size and price here is counted in (see docs/notifications.md for why).</summary>
    public const long BytesPerGb = 1L << 30;

    public static decimal Gigabytes(long bytes) => (decimal)bytes / BytesPerGb;

    /// <summary><c>12.50</c>: GB (2^30 bytes) to two decimals.</summary>
    public static string GigabyteFigure(long bytes) => Gigabytes(bytes).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary><c>12.50 GiB (13,421,772,800 bytes)</c>: the rounded figure to read, the exact one to check.</summary>
    public static string Size(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{GigabyteFigure(bytes)} GiB ({bytes:N0} bytes)");

    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return "under 1 s";
        }

        var parts = new List<string>(4);
        if (duration.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Days} d"));
        }

        if (duration.Hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Hours} h"));
        }

        if (duration.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes} min"));
        }

        // Seconds are noise once an export runs for days.
        if (duration.Seconds > 0 && duration.Days == 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds} s"));
        }

        return string.Join(' ', parts);
    }

    /// <summary><c>2026-01-02 03:04:05</c>, always in UTC; callers add "(UTC)" where it is read.</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) =>
        amount > 0 && amount < 0.01m ? "less than 0.01" : amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Price(decimal price) => price.ToString("0.######", CultureInfo.InvariantCulture);
}
