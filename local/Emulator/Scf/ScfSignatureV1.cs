using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// The older API signature the deploy library uses for SCF (2018-04-16) and tag (2018-08-13):
/// <c>Signature = base64(HMAC-SHA1(SecretKey, "POST" + host + path + "?" + sorted "k=v" joined by "&amp;"))</c> over the
/// form parameters as sent, without URL-encoding, Signature itself left out (docs/reference/deploy.md §5).
/// </summary>
internal sealed class ScfSignatureV1(Func<string, TencentCredentials?> findKey, TimeProvider time)
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public void Verify(string method, string host, string path, FormParameters form)
    {
        var secretId = form.Get("SecretId") ?? throw new ScfApiException("AuthFailure.SecretIdNotFound", "The request has no SecretId.");
        var signature = form.Get("Signature") ?? throw new ScfApiException("AuthFailure.SignatureFailure", "The request has no Signature.");
        var credentials = findKey(secretId) ?? throw new ScfApiException("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.");

        if (!long.TryParse(form.Get("Timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw ScfApiException.Missing("Timestamp");
        }

        var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (skew.Duration() > MaxSkew)
        {
            throw new ScfApiException("AuthFailure.SignatureExpire", "The signature has expired: Timestamp is more than 5 minutes away from the server's time.");
        }

        if (form.Get("SignatureMethod") is { } algorithm && algorithm != "HmacSHA1")
        {
            throw new ScfApiException("AuthFailure.SignatureFailure", $"SignatureMethod {algorithm} is not emulated; the deploy library signs with HmacSHA1.");
        }

        if (credentials.SessionToken is { } token && form.Get("Token") != token)
        {
            throw new ScfApiException("AuthFailure.TokenFailure", "A temporary key needs its Token.");
        }

        var expected = Sign(credentials.SecretKey, method, host, path, form.All);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            throw new ScfApiException("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.");
        }
    }

    public static string Sign(string secretKey, string method, string host, string path, IReadOnlyDictionary<string, string> parameters)
    {
        var query = string.Join('&', parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
        var text = $"{method.ToUpperInvariant()}{host}{path}?{query}";
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(text)));
    }
}
