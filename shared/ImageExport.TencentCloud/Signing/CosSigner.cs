using System.Security.Cryptography;
using System.Text;

namespace ImageExport.TencentCloud.Signing;

/// <summary>The COS XML API request signature, as in COS's "request signature" document (436/7778).</summary>
public static class CosSigner
{
    public const string Algorithm = "sha1";

    public static CosSignature Sign(CosSigningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        var signKey = Hex.Lower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(input.SecretKey), Encoding.UTF8.GetBytes(input.KeyTime)));
        var (urlParamList, httpParameters) = Canonical(input.Query);
        var (headerList, httpHeaders) = Canonical(input.Headers);

        var httpString = $"{input.HttpMethod.ToLowerInvariant()}\n{input.Path}\n{httpParameters}\n{httpHeaders}\n";
        var stringToSign = $"{Algorithm}\n{input.KeyTime}\n{Hex.Lower(SHA1.HashData(Encoding.UTF8.GetBytes(httpString)))}\n";
        // The key is the hex text of SignKey, not its bytes.
        var signature = Hex.Lower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(signKey), Encoding.UTF8.GetBytes(stringToSign)));

        var authorization =
            $"q-sign-algorithm={Algorithm}&q-ak={input.SecretId}&q-sign-time={input.KeyTime}&q-key-time={input.KeyTime}" +
            $"&q-header-list={headerList}&q-url-param-list={urlParamList}&q-signature={signature}";
        return new CosSignature(signKey, httpString, stringToSign, signature, headerList, urlParamList, authorization);
    }

    /// <summary>COS's UrlEncode: UTF-8, unreserved <c>A-Z a-z 0-9 - _ . ~</c> kept, everything else as uppercase %XX.</summary>
    public static string UrlEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private const string HexDigits = "0123456789ABCDEF";

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static (string List, string Pairs) Canonical(IReadOnlyList<KeyValuePair<string, string>> items)
    {
        var encoded = items
            .Select(p => (Key: UrlEncode(p.Key).ToLowerInvariant(), Value: UrlEncode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .ToList();
        return (string.Join(';', encoded.Select(p => p.Key)), string.Join('&', encoded.Select(p => $"{p.Key}={p.Value}")));
    }
}
