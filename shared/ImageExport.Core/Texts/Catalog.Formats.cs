namespace ImageExport.Core.Texts;

// How sizes, durations and instants read. InvariantGlobalization is on (and Native AOT carries no ICU), so no
// CultureInfo other than the invariant one exists at run time: each language's conventions are written out here.
internal static partial class Catalog
{
    private static readonly CatalogEntry[] FormatEntries =
    [
        new("format.size", "{gib} GiB ({bytes} bytes)", "{gib} GiB（{bytes} 字节）", "{gib}GiB({bytes}바이트)"),
        new("format.days", "{n} d", "{n} 天", "{n}일"),
        new("format.hours", "{n} h", "{n} 小时", "{n}시간"),
        new("format.minutes", "{n} min", "{n} 分钟", "{n}분"),
        new("format.seconds", "{n} s", "{n} 秒", "{n}초"),
        new("format.underOneSecond", "under 1 s", "不到 1 秒", "1초 미만"),
        // A .NET custom date pattern (read with the invariant culture), not a placeholder text.
        new("format.datePattern", "yyyy-MM-dd", "yyyy年M月d日", "yyyy년 M월 d일"),
        new("format.instantUtc", "{date} {time} (UTC)", "{date} {time}（UTC）", "{date} {time}(UTC)"),
        new("format.instantZone", "{date} {time} ({zone}, UTC{offset})", "{date} {time}（{zone}，UTC{offset}）", "{date} {time}({zone}, UTC{offset})"),
        new("format.instantPair", "{utc} / {local}", "{utc}，即 {local}", "{utc} / {local}"),
        new("format.lessThanCent", "less than 0.01", "不足 0.01", "0.01 미만"),
        new("format.described", "({parts})", "（{parts}）", "({parts})"),
        new("format.listSeparator", ", ", "，", ", "),
    ];
}
