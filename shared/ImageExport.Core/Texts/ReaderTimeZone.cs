using System.Globalization;

namespace ImageExport.Core.Texts;

/// <summary>
/// <c>IMAGEEXPORT_TIME_ZONE</c>: the zone times are also shown in, beside UTC. Zones come from the system's tz database
/// (<c>/usr/share/zoneinfo</c>; .NET reads it on Linux even with invariant globalization and under Native AOT). Where a
/// machine has no tz database (a bare container, an unknown custom-runtime image), the zones of Tencent's Asian regions,
/// none of which has daylight saving time today, still work from a built-in table of fixed offsets.
/// </summary>
internal static class ReaderTimeZone
{
    // Current offsets, no DST in any of them (China since 1991, Korea since 1988, Japan since 1951, the others never
    // in living memory). Used only when the tz database is missing.
    private static readonly Dictionary<string, TimeSpan> FixedOffsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero,
        ["Etc/UTC"] = TimeSpan.Zero,
        ["Asia/Shanghai"] = TimeSpan.FromHours(8),
        ["Asia/Chongqing"] = TimeSpan.FromHours(8),
        ["Asia/Hong_Kong"] = TimeSpan.FromHours(8),
        ["Asia/Taipei"] = TimeSpan.FromHours(8),
        ["Asia/Singapore"] = TimeSpan.FromHours(8),
        ["Asia/Kuala_Lumpur"] = TimeSpan.FromHours(8),
        ["Asia/Seoul"] = TimeSpan.FromHours(9),
        ["Asia/Tokyo"] = TimeSpan.FromHours(9),
        ["Asia/Bangkok"] = TimeSpan.FromHours(7),
        ["Asia/Jakarta"] = TimeSpan.FromHours(7),
        ["Asia/Kolkata"] = new TimeSpan(5, 30, 0),
        ["Asia/Riyadh"] = TimeSpan.FromHours(3),
    };

    /// <summary>The zone, or null when <paramref name="id"/> names none the system or the table knows.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return FixedOffsets.TryGetValue(id, out var offset) ? TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id) : null;
        }
    }

    /// <summary><c>+08:00</c>: the offset at that instant (DST-aware where the zone has it).</summary>
    public static string Offset(TimeZoneInfo zone, DateTimeOffset instant)
    {
        var offset = zone.GetUtcOffset(instant);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return sign + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }
}
