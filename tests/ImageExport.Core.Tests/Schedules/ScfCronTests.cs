using ImageExport.Core.Schedules;

namespace ImageExport.Core.Tests.Schedules;

/// <summary>SCF's 7-field cron (second minute hour day month weekday year).</summary>
public sealed class ScfCronTests
{
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void EveryMinuteFiresAtTheNextWholeMinute()
    {
        var cron = ScfCron.Parse("0 */1 * * * * *");

        Assert.Equal(Utc("2026-03-01T10:01:00Z"), cron.Next(Utc("2026-03-01T10:00:30Z"), TimeZoneInfo.Utc));
        Assert.Equal(Utc("2026-03-01T10:02:00Z"), cron.Next(Utc("2026-03-01T10:01:00Z"), TimeZoneInfo.Utc));
    }

    [Fact]
    public void SecondsAreHonoured()
    {
        var cron = ScfCron.Parse("*/5 * * * * * *");

        Assert.Equal(Utc("2026-03-01T10:00:05Z"), cron.Next(Utc("2026-03-01T10:00:01Z"), TimeZoneInfo.Utc));
    }

    [Fact]
    public void WeekdayNamesWorkAsInTencentsExample()
    {
        var cron = ScfCron.Parse("0 15 10 * * MON-FRI *");

        // 2026-02-28 is a Saturday: the next weekday 10:15 is Monday 2 March.
        Assert.Equal(Utc("2026-03-02T10:15:00Z"), cron.Next(Utc("2026-02-28T09:00:00Z"), TimeZoneInfo.Utc));
    }

    [Fact]
    public void TheYearFieldSkipsYearsItExcludes()
    {
        var cron = ScfCron.Parse("0 0 0 1 1 * 2028,2030-2031");

        Assert.Equal(Utc("2028-01-01T00:00:00Z"), cron.Next(Utc("2026-06-01T00:00:00Z"), TimeZoneInfo.Utc));
        Assert.Equal(Utc("2030-01-01T00:00:00Z"), cron.Next(Utc("2028-01-01T00:00:00Z"), TimeZoneInfo.Utc));
        Assert.Null(cron.Next(Utc("2031-01-01T00:00:00Z"), TimeZoneInfo.Utc));
    }

    [Fact]
    public void TheTimeZoneDecidesTheWallClock()
    {
        var cron = ScfCron.Parse("0 0 9 * * * *");
        var beijing = TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "UTC+08", "UTC+08");

        Assert.Equal(Utc("2026-03-02T01:00:00Z"), cron.Next(Utc("2026-03-01T02:00:00Z"), beijing));
    }

    [Theory]
    [InlineData("0 */1 * * * *")]
    [InlineData("*/5 * * * *")]
    [InlineData("0 */1 * * * * * *")]
    [InlineData("0 */1 * * * * 1969")]
    [InlineData("0 */1 * * * * 2030-2027")]
    [InlineData("61 * * * * * *")]
    public void AnExpressionScfWouldRefuseIsRefused(string expression)
    {
        Assert.Throws<FormatException>(() => ScfCron.Parse(expression));
    }

    [Fact]
    public void TheLatestFiringAtOrBeforeAMomentIsTheRunSlotSoALateRetryFindsTheSameOne()
    {
        // Every Monday at 03:00 (2026-11-30 is a Monday).
        var cron = ScfCron.Parse("0 0 3 * * 1 *");

        Assert.Equal(Utc("2026-11-30T03:00:00Z"), cron.Previous(Utc("2026-11-30T03:00:00Z"), TimeZoneInfo.Utc));
        Assert.Equal(Utc("2026-11-30T03:00:00Z"), cron.Previous(Utc("2026-11-30T03:03:07.5Z"), TimeZoneInfo.Utc));
        Assert.Equal(Utc("2026-11-30T03:00:00Z"), cron.Previous(Utc("2026-12-07T02:59:59Z"), TimeZoneInfo.Utc));
        Assert.Equal(Utc("2026-11-23T03:00:00Z"), cron.Previous(Utc("2026-11-30T02:59:59.999Z"), TimeZoneInfo.Utc));
    }

    [Fact]
    public void ThePreviousFiringHonoursSecondsYearsAndTheTimeZone()
    {
        var beijing = TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "UTC+08", "UTC+08");

        Assert.Equal(Utc("2026-03-01T10:00:05Z"), ScfCron.Parse("*/5 * * * * * *").Previous(Utc("2026-03-01T10:00:09Z"), TimeZoneInfo.Utc));
        Assert.Equal(Utc("2028-01-01T00:00:00Z"), ScfCron.Parse("0 0 0 1 1 * 2028,2030-2031").Previous(Utc("2029-12-31T00:00:00Z"), TimeZoneInfo.Utc));
        Assert.Null(ScfCron.Parse("0 0 0 1 1 * 2028").Previous(Utc("2027-06-01T00:00:00Z"), TimeZoneInfo.Utc));
        // 09:00 in Beijing is 01:00 UTC.
        Assert.Equal(Utc("2026-03-01T01:00:00Z"), ScfCron.Parse("0 0 9 * * * *").Previous(Utc("2026-03-01T23:00:00Z"), beijing));
    }
}
