using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>
/// DingTalk's "加签": sign = urlencode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret))),
/// timestamp in milliseconds; DingTalk refuses a timestamp more than an hour off.
/// </summary>
internal static class DingTalkSignature
{
    public static string Compute(string secret, long unixMilliseconds)
    {
        var message = unixMilliseconds.ToString(CultureInfo.InvariantCulture) + "\n" + secret;
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));
        return Uri.EscapeDataString(Convert.ToBase64String(mac));
    }

    /// <summary>The robot URL with <c>timestamp</c> and <c>sign</c> added to its query (which already has the access token).</summary>
    public static Uri Sign(Uri webhookUrl, string secret, long unixMilliseconds)
    {
        var added = $"timestamp={unixMilliseconds.ToString(CultureInfo.InvariantCulture)}&sign={Compute(secret, unixMilliseconds)}";
        var builder = new UriBuilder(webhookUrl);
        builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + added : added;
        return builder.Uri;
    }
}
