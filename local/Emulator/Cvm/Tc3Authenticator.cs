using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImageExport.TencentCloud.Signing;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.Cvm;

/// <summary>
/// Checks a TC3-HMAC-SHA256 request the way API 3.0 does. The service is taken from the credential scope and the host
/// from the Host header, because SDKs pointed at 127.0.0.1 sign service <c>127</c>; the content type is checked as sent.
/// </summary>
internal sealed class Tc3Authenticator(EmulatorCredentials credentials, TimeProvider time)
{
    public const int MaxSkewSeconds = 300;

    public void Verify(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        if (!Tc3AuthorizationParser.TryParse(request.Headers.Authorization.FirstOrDefault(), out var authorization))
        {
            throw new CvmApiException("AuthFailure.InvalidAuthorization", "The Authorization header is missing or not in the TC3-HMAC-SHA256 format.");
        }

        if (!authorization.SignedHeaders.Contains("content-type") || !authorization.SignedHeaders.Contains("host"))
        {
            throw new CvmApiException("AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and host.");
        }

        var account = credentials.Find(authorization.SecretId)
            ?? throw new CvmApiException("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.");

        var timestampText = request.Headers["X-TC-Timestamp"].FirstOrDefault();
        if (string.IsNullOrEmpty(timestampText))
        {
            throw new CvmApiException("MissingParameter", "The request is missing a required header `X-TC-Timestamp`.");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw new CvmApiException("InvalidParameterValue", "X-TC-Timestamp must be a Unix time in seconds.");
        }

        if (Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - timestamp) > MaxSkewSeconds)
        {
            throw new CvmApiException("AuthFailure.SignatureExpire", "Signature expired. Timestamp and server time cannot differ by more than 5 minutes.");
        }

        var signedHeaders = new List<KeyValuePair<string, string>>(authorization.SignedHeaders.Count);
        foreach (var name in authorization.SignedHeaders)
        {
            var value = request.Headers[name];
            if (value.Count == 0)
            {
                throw SignatureFailure();
            }

            signedHeaders.Add(new(name, value.ToString()));
        }

        if (!Matches(authorization, account.SecretId, account.SecretKey, timestamp, request.Method, signedHeaders, body))
        {
            throw SignatureFailure();
        }

        if (account.SessionToken is not null)
        {
            var token = request.Headers["X-TC-Token"].FirstOrDefault();
            if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(account.SessionToken)))
            {
                throw new CvmApiException("AuthFailure.TokenFailure", "The temporary SecretId needs its session token in X-TC-Token, and it is missing or wrong.");
            }
        }
    }

    /// <summary>
    /// Tencent's Node.js SDK signs the host without its port (<c>URL.hostname</c>) while sending <c>Host: 127.0.0.1:PORT</c>;
    /// against the real endpoint the two are the same, so both readings are accepted.
    /// </summary>
    private static bool Matches(
        Tc3AuthorizationHeader authorization, string secretId, string secretKey, long timestamp, string method,
        List<KeyValuePair<string, string>> signedHeaders, ReadOnlyMemory<byte> body)
    {
        var host = signedHeaders.FindIndex(h => h.Key == "host");
        var hostValue = signedHeaders[host].Value;
        var colon = hostValue.LastIndexOf(':');
        string[] hosts = colon > 0 && !hostValue.EndsWith(']') ? [hostValue, hostValue[..colon]] : [hostValue];
        foreach (var candidate in hosts)
        {
            signedHeaders[host] = new("host", candidate);
            var expected = Tc3Signer.Sign(new Tc3SigningInput
            {
                SecretId = secretId,
                SecretKey = secretKey,
                Service = authorization.Service,
                Timestamp = timestamp,
                HttpMethod = method,
                CanonicalUri = "/",
                CanonicalQueryString = "",
                SignedHeaders = signedHeaders,
                Payload = body,
            });

            // The scope's date must be the UTC date of X-TC-Timestamp; the signer derives it, so compare the scopes too.
            var scopeMatches = expected.CredentialScope == $"{authorization.Date}/{authorization.Service}/tc3_request";
            if (scopeMatches && CryptographicOperations.FixedTimeEquals(
                    Encoding.ASCII.GetBytes(expected.Signature), Encoding.ASCII.GetBytes(authorization.Signature.ToLowerInvariant())))
            {
                return true;
            }
        }

        return false;
    }

    private static CvmApiException SignatureFailure() =>
        new("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.");
}
