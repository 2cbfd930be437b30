using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImageExport.TencentCloud.Signing;

/// <summary>Tencent Cloud API 3.0 signature v3 (TC3-HMAC-SHA256), as in Tencent's "signature method v3" document.</summary>
public static class Tc3Signer
{
    public const string Algorithm = "TC3-HMAC-SHA256";

    public static Tc3Signature Sign(Tc3SigningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        var headers = input.SignedHeaders
            .Select(h => (Name: h.Key.Trim().ToLowerInvariant(), Value: h.Value.Trim().ToLowerInvariant()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var canonicalHeaders = string.Concat(headers.Select(h => $"{h.Name}:{h.Value}\n"));
        var signedHeaders = string.Join(';', headers.Select(h => h.Name));

        var hashedPayload = Hex.Lower(SHA256.HashData(input.Payload.Span));
        var canonicalRequest = string.Join('\n',
            input.HttpMethod.ToUpperInvariant(),
            input.CanonicalUri,
            input.CanonicalQueryString,
            canonicalHeaders,
            signedHeaders,
            hashedPayload);
        var hashedCanonicalRequest = Hex.Lower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

        // The date is the UTC date, not the caller's local one (1551113065 is 2019-02-26 in UTC+8 but signs 2019-02-25).
        var date = DateTimeOffset.FromUnixTimeSeconds(input.Timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var credentialScope = $"{date}/{input.Service}/tc3_request";
        var stringToSign = $"{Algorithm}\n{input.Timestamp.ToString(CultureInfo.InvariantCulture)}\n{credentialScope}\n{hashedCanonicalRequest}";

        var secretDate = HmacSha256(Encoding.UTF8.GetBytes("TC3" + input.SecretKey), date);
        var secretService = HmacSha256(secretDate, input.Service);
        var secretSigning = HmacSha256(secretService, "tc3_request");
        var signature = Hex.Lower(HmacSha256(secretSigning, stringToSign));

        var authorization = $"{Algorithm} Credential={input.SecretId}/{credentialScope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new Tc3Signature(
            canonicalRequest, hashedPayload, hashedCanonicalRequest, credentialScope, stringToSign,
            Hex.Lower(secretDate), Hex.Lower(secretService), Hex.Lower(secretSigning),
            signedHeaders, signature, authorization);
    }

    private static byte[] HmacSha256(byte[] key, string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
}
