using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>
/// The generic webhook's signature: <c>sha256=</c> + lowercase hex HMAC-SHA256(secret, "&lt;timestamp&gt;.&lt;body&gt;"),
/// with the timestamp from <c>X-ImageExport-Timestamp</c> (unix seconds). Signing the timestamp lets a receiver
/// refuse replays of an old delivery.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-ImageExport-Timestamp";
    public const string SignatureHeader = "X-ImageExport-Signature";
    public const string DeliveryHeader = "X-ImageExport-Delivery";

    /// <summary>The <c>X-ImageExport-Signature</c> value for a body sent at <paramref name="unixSeconds"/>.</summary>
    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// What a receiver does: recompute, compare in constant time, and refuse timestamps further than
    /// <paramref name="tolerance"/> from <paramref name="now"/>.
    /// </summary>
    public static bool IsValid(
        string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (signatureHeader is null
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds))
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, unixSeconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader));
    }
}
