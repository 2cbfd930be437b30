using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ImageExport.Core.Jobs;

/// <summary>
/// Job IDs sort by creation time (<c>exp-20261126t101500-3f9a2c1b</c>), so listing <c>active/</c> yields the oldest
/// job first without reading any job.
/// </summary>
internal static partial class JobIds
{
    public static string New(DateTimeOffset now) =>
        "exp-" + now.UtcDateTime.ToString("yyyyMMdd't'HHmmss", CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static bool IsValid(string value) => Pattern().IsMatch(value);

    /// <summary>When the job was created, to the second, read from its ID.</summary>
    public static DateTimeOffset CreatedAt(string jobId) =>
        DateTimeOffset.ParseExact(jobId.AsSpan(4, 15), "yyyyMMdd't'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [GeneratedRegex("^exp-[0-9]{8}t[0-9]{6}-[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
