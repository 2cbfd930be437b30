using System.Security.Cryptography;
using System.Text;
using ImageExport.TencentCloud.Signing;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// Checks a request's <c>q-sign-algorithm=sha1</c> signature, from the Authorization header or a presigned query,
/// as COS does: over the decoded object path without the bucket (what Tencent's SDKs sign in path-style mode), the
/// listed headers and query parameters, within the key time, with the session token for temporary keys.
/// </summary>
internal sealed class CosAuthenticator(EmulatorCredentials credentials, TimeProvider time)
{
    private const string SecurityToken = "x-cos-security-token";

    public void Verify(HttpRequest request, string signedPath)
    {
        var authorization = ReadAuthorization(request);
        var account = credentials.Find(authorization.SecretId)
            ?? throw new CosErrorException(403, "InvalidAccessKeyId", "The access key Id format you provided is invalid, please check.");

        if (!TryParseKeyTime(authorization.KeyTime, out var start, out var end))
        {
            throw CosErrorException.AccessDenied("q-key-time is not in the form <start>;<end>.");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (now > end || now > SignTimeEnd(authorization.SignTime, end))
        {
            throw CosErrorException.AccessDenied("Request has expired");
        }

        // Clients take the start from their own clock; only a start far in the future is refused.
        if (start > now + 900)
        {
            throw CosErrorException.AccessDenied("Request is not valid yet: q-key-time starts in the future.");
        }

        var headers = new List<KeyValuePair<string, string>>(authorization.HeaderList.Count);
        foreach (var name in authorization.HeaderList)
        {
            var value = request.Headers[name];
            if (value.Count == 0)
            {
                throw new CosErrorException(403, "SignatureDoesNotMatch", $"The header {name} is listed in q-header-list but was not sent.");
            }

            headers.Add(new(name, value.ToString()));
        }

        var query = new List<KeyValuePair<string, string>>(authorization.UrlParamList.Count);
        foreach (var listed in authorization.UrlParamList)
        {
            var name = Uri.UnescapeDataString(listed);
            var match = request.Query.FirstOrDefault(q => string.Equals(q.Key, name, StringComparison.OrdinalIgnoreCase));
            if (match.Key is null)
            {
                throw new CosErrorException(403, "SignatureDoesNotMatch", $"The parameter {name} is listed in q-url-param-list but was not sent.");
            }

            query.Add(new(match.Key, match.Value.ToString()));
        }

        var expected = CosSigner.Sign(new CosSigningInput
        {
            SecretId = account.SecretId,
            SecretKey = account.SecretKey,
            HttpMethod = request.Method,
            Path = signedPath,
            Query = query,
            Headers = headers,
            KeyTime = authorization.KeyTime,
        });
        if (!CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(expected.Signature), Encoding.ASCII.GetBytes(authorization.Signature.ToLowerInvariant())))
        {
            throw new CosErrorException(403, "SignatureDoesNotMatch", "The calculated signature does not match the provided one.");
        }

        if (account.SessionToken is not null)
        {
            string? token = request.Headers[SecurityToken].FirstOrDefault() ?? request.Query[SecurityToken].FirstOrDefault();
            if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(account.SessionToken)))
            {
                throw CosErrorException.AccessDenied("A temporary SecretId needs its x-cos-security-token (header or query), and this one is missing or wrong.");
            }
        }
    }

    /// <summary>The Authorization header as sent, for events; a presigned request has none.</summary>
    public static string? AuthorizationHeader(HttpRequest request) => request.Headers.Authorization.FirstOrDefault();

    private static CosAuthorization ReadAuthorization(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        if (!string.IsNullOrEmpty(header))
        {
            return CosAuthorizationParser.TryParse(header, out var parsed) && IsSha1(parsed)
                ? parsed
                : throw CosErrorException.AccessDenied("The Authorization header is not a valid q-sign-algorithm=sha1 signature.");
        }

        if (request.Query.ContainsKey("q-sign-algorithm"))
        {
            var pairs = request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()));
            return CosAuthorizationParser.TryParseQuery(pairs, out var parsed) && IsSha1(parsed)
                ? parsed
                : throw CosErrorException.AccessDenied("The q-* parameters of the presigned URL are not a valid signature.");
        }

        // Some SDKs put the whole Authorization value in one "sign" parameter.
        if (request.Query.TryGetValue("sign", out var sign))
        {
            return CosAuthorizationParser.TryParse(sign.ToString(), out var parsed) && IsSha1(parsed)
                ? parsed
                : throw CosErrorException.AccessDenied("The sign parameter is not a valid signature.");
        }

        throw CosErrorException.AccessDenied("Access Denied.");
    }

    private static bool IsSha1(CosAuthorization authorization) => string.Equals(authorization.Algorithm, "sha1", StringComparison.OrdinalIgnoreCase);

    private static long SignTimeEnd(string signTime, long fallback) => TryParseKeyTime(signTime, out _, out var end) ? end : fallback;

    private static bool TryParseKeyTime(string keyTime, out long start, out long end)
    {
        start = end = 0;
        var parts = keyTime.Split(';');
        return parts.Length == 2 && long.TryParse(parts[0], out start) && long.TryParse(parts[1], out end);
    }
}
