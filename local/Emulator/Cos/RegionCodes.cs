namespace ImageExport.Local.Emulator.Cos;

/// <summary>The short region codes COS trigger events carry in <c>cosBucket.region</c> (e.g. <c>gz</c>).</summary>
internal static class RegionCodes
{
    // Codes seen in Tencent's published events and SDKs. For a region not listed the emulator passes the full name on
    // (a guess: no list of all short codes was found).
    private static readonly Dictionary<string, string> Short = new(StringComparer.Ordinal)
    {
        ["ap-beijing"] = "bj",
        ["ap-shanghai"] = "sh",
        ["ap-guangzhou"] = "gz",
        ["ap-chengdu"] = "cd",
        ["ap-chongqing"] = "cq",
        ["ap-nanjing"] = "nj",
        ["ap-hongkong"] = "hk",
        ["ap-singapore"] = "sgp",
    };

    public static string ShortCode(string region) => Short.GetValueOrDefault(region, region);
}
