using ImageExport.Core.Texts;

namespace ImageExport.Core.Tests.Texts;

/// <summary>Sizes, durations and instants as each language writes them, in the invariant-globalization build.</summary>
public sealed class TextFormatTests
{
    private static readonly DateTimeOffset Instant = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en", "2026-03-01 10:00:00 (UTC)")]
    [InlineData("zh-CN", "2026年3月1日 10:00:00（UTC）")]
    [InlineData("ko-KR", "2026년 3월 1일 10:00:00(UTC)")]
    public void WithoutATimeZoneAnInstantIsUtcInTheReadersDateConvention(string tag, string expected) =>
        Assert.Equal(expected, new TextFormat(Language.FromTag(tag)!).Instant(Instant));

    [Theory]
    [InlineData("en", "Asia/Shanghai", "2026-03-01 10:00:00 (UTC) / 2026-03-01 18:00:00 (Asia/Shanghai, UTC+08:00)")]
    [InlineData("zh-CN", "Asia/Shanghai", "2026年3月1日 10:00:00（UTC），即 2026年3月1日 18:00:00（Asia/Shanghai，UTC+08:00）")]
    [InlineData("ko-KR", "Asia/Seoul", "2026년 3월 1일 10:00:00(UTC) / 2026년 3월 1일 19:00:00(Asia/Seoul, UTC+09:00)")]
    public void WithATimeZoneUtcIsStillShownAndTheLocalTimeFollows(string tag, string zone, string expected) =>
        Assert.Equal(expected, new TextFormat(Language.FromTag(tag)!, ReaderTimeZone.Find(zone)).Instant(Instant));

    [Fact]
    public void ALocalDateCanBeTheNextDay() =>
        Assert.Contains("2026年3月2日 07:30:00", new TextFormat(Language.SimplifiedChinese, ReaderTimeZone.Find("Asia/Shanghai")).Instant(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero)), StringComparison.Ordinal);

    [Fact]
    public void ADaylightSavingZoneUsesTheOffsetOfThatInstant()
    {
        var format = new TextFormat(Language.English, ReaderTimeZone.Find("Europe/Berlin"));

        Assert.Contains("(Europe/Berlin, UTC+01:00)", format.Instant(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)), StringComparison.Ordinal);
        Assert.Contains("(Europe/Berlin, UTC+02:00)", format.Instant(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownZoneIsNotFound() => Assert.Null(ReaderTimeZone.Find("Mars/Olympus_Mons"));

    [Theory]
    [InlineData("en", "10.50 GiB (11,274,289,152 bytes)", "1 h 30 min 15 s")]
    [InlineData("zh-CN", "10.50 GiB（11,274,289,152 字节）", "1 小时 30 分钟 15 秒")]
    [InlineData("ko-KR", "10.50GiB(11,274,289,152바이트)", "1시간 30분 15초")]
    public void SizesAndDurationsUseTheLanguagesUnits(string tag, string size, string duration)
    {
        var format = new TextFormat(Language.FromTag(tag)!);

        Assert.Equal(size, format.Size(11_274_289_152));
        Assert.Equal(duration, format.Duration(new TimeSpan(1, 30, 15)));
    }
}
