using System.Globalization;

namespace ImageExport.Core.Texts;

/// <summary>
/// Sizes, durations, instants and money as a reader of <see cref="Language"/> writes them, from the catalog's
/// patterns; numbers keep the invariant digits and grouping (12,345.67), which all three languages use.
/// </summary>
internal sealed class TextFormat(Language language, TimeZoneInfo? timeZone = null)
{
    /// <summary>2^30: the GB every size and price here is counted in (see docs/notifications.md for why).</summary>
    public const long BytesPerGb = 1L << 30;

    public static TextFormat English { get; } = new(Language.English);

    public Language Language { get; } = language;

    public TimeZoneInfo? TimeZone { get; } = timeZone;

    public string Text(string key, params (string Name, string Value)[] args) => Catalog.Format(Language, key, args);

    public static decimal Gigabytes(long bytes) => (decimal)bytes / BytesPerGb;

    /// <summary><c>12.50</c>: GB (2^30 bytes) to two decimals.</summary>
    public static string GigabyteFigure(long bytes) => Gigabytes(bytes).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary><c>12.50 GiB (13,421,772,800 bytes)</c>: the rounded figure to read, the exact one to check.</summary>
    public string Size(long bytes) =>
        Text("format.size", ("gib", GigabyteFigure(bytes)), ("bytes", bytes.ToString("N0", CultureInfo.InvariantCulture)));

    public string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return Text("format.underOneSecond");
        }

        var parts = new List<string>(4);
        void Add(string key, int n) => parts.Add(Text(key, ("n", n.ToString(CultureInfo.InvariantCulture))));
        if (duration.Days > 0)
        {
            Add("format.days", duration.Days);
        }

        if (duration.Hours > 0)
        {
            Add("format.hours", duration.Hours);
        }

        if (duration.Minutes > 0)
        {
            Add("format.minutes", duration.Minutes);
        }

        // Seconds are noise once an export runs for days.
        if (duration.Seconds > 0 && duration.Days == 0)
        {
            Add("format.seconds", duration.Seconds);
        }

        return string.Join(' ', parts);
    }

    /// <summary>
    /// The instant in UTC, always, and in the deployment's time zone when one is configured:
    /// <c>2026-03-01 10:00:00 (UTC) / 2026-03-01 18:00:00 (Asia/Shanghai, UTC+08:00)</c>.
    /// </summary>
    public string Instant(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var utcText = Text("format.instantUtc", ("date", Date(utc)), ("time", Clock(utc)));
        if (TimeZone is null || TimeZone == TimeZoneInfo.Utc)
        {
            return utcText;
        }

        var local = TimeZoneInfo.ConvertTime(utc, TimeZone);
        var localText = Text("format.instantZone",
            ("date", Date(local)), ("time", Clock(local)), ("zone", TimeZone.Id), ("offset", ReaderTimeZone.Offset(TimeZone, utc)));
        return Text("format.instantPair", ("utc", utcText), ("local", localText));
    }

    public string Money(decimal amount) =>
        amount > 0 && amount < 0.01m ? Text("format.lessThanCent") : amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Price(decimal price) => price.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary><c>(web-base, TencentOS Server 3.1)</c>, with the language's brackets and list separator.</summary>
    public string Described(IEnumerable<string> parts) =>
        Text("format.described", ("parts", string.Join(Text("format.listSeparator"), parts)));

    private string Date(DateTimeOffset at) => at.ToString(Catalog.Text(Language, "format.datePattern"), CultureInfo.InvariantCulture);

    private static string Clock(DateTimeOffset at) => at.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
