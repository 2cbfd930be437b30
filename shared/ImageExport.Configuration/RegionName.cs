using System.Text.RegularExpressions;

namespace ImageExport.Configuration;

/// <summary>
/// The shape of a Tencent Cloud region ID, the one rule every region setting is checked against. Tencent's region
/// lists (CVM "Regions and Availability Zones", tencentcloud.com/document/product/213/6091; API Gateway's copy,
/// tencentcloud.com/document/product/628/33133; the API 3.0 common parameter <c>Region</c>) give IDs such as
/// <c>ap-guangzhou</c>, <c>ap-hongkong</c>, <c>na-siliconvalley</c>, <c>eu-frankfurt</c> and the finance zone
/// <c>ap-shanghai-fsi</c>: an area code, then one or more lowercase words joined by hyphens. A trailing numeric word is
/// also allowed, as both earlier rules allowed it (a guess kept for compatibility, listed in local/README.md).
/// See docs/reference/cvm-cos-api.md §6.
/// </summary>
public static partial class RegionName
{
    public static bool IsValid(string value) => Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z]{2,}(?:-[a-z]+)+(?:-[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
