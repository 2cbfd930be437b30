using ImageExport.TencentCloud.Signing;

namespace ImageExport.TencentCloud.Tests.Support;

/// <summary>Checks a recorded request's signature the way a server does: from what was sent, with the shared secret.</summary>
internal static class Verify
{
    public static void Tc3(RecordedRequest request, string secretKey)
    {
        Assert.True(Tc3AuthorizationParser.TryParse(request.Header("Authorization"), out var authorization));
        var expected = Tc3Signer.Sign(new Tc3SigningInput
        {
            SecretId = authorization.SecretId,
            SecretKey = secretKey,
            Service = authorization.Service,
            Timestamp = long.Parse(request.Header("X-TC-Timestamp")!),
            HttpMethod = request.Method.Method,
            CanonicalUri = request.Uri.AbsolutePath,
            SignedHeaders = authorization.SignedHeaders.Select(name => KeyValuePair.Create(name, request.Header(name)!)).ToList(),
            Payload = request.Body,
        });
        Assert.Equal(expected.Authorization, request.Header("Authorization"));
    }

    /// <summary>Path-style addressing: the bucket is the first path segment and is not signed.</summary>
    public static void Cos(RecordedRequest request, string secretKey, string bucket) =>
        CosParts(request.Header("Authorization"), Query(request.Uri).Where(p => !p.Key.StartsWith("q-", StringComparison.Ordinal)).ToList(),
            request.Method.Method, SignedPath(request.Uri, bucket), name => request.Header(name), secretKey);

    public static void PresignedUrl(Uri url, string secretKey, string bucket, string host)
    {
        var query = Query(url);
        Assert.True(CosAuthorizationParser.TryParseQuery(query, out var authorization));
        var signature = CosSigner.Sign(new CosSigningInput
        {
            SecretId = authorization.SecretId,
            SecretKey = secretKey,
            HttpMethod = "GET",
            Path = SignedPath(url, bucket),
            Query = query.Where(p => authorization.UrlParamList.Contains(p.Key.ToLowerInvariant())).ToList(),
            Headers = authorization.HeaderList.Select(name => KeyValuePair.Create(name, name == "host" ? host : throw new InvalidOperationException(name))).ToList(),
            KeyTime = authorization.KeyTime,
        });
        Assert.Equal(signature.Signature, authorization.Signature);
    }

    public static List<KeyValuePair<string, string>> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => KeyValuePair.Create(Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""))
            .ToList();

    private static string SignedPath(Uri uri, string bucket)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        Assert.StartsWith("/" + bucket + "/", path);
        return path[(bucket.Length + 1)..];
    }

    private static void CosParts(
        string? header, List<KeyValuePair<string, string>> query, string method, string path, Func<string, string?> headerValue, string secretKey)
    {
        Assert.True(CosAuthorizationParser.TryParse(header, out var authorization));
        var signature = CosSigner.Sign(new CosSigningInput
        {
            SecretId = authorization.SecretId,
            SecretKey = secretKey,
            HttpMethod = method,
            Path = path,
            Query = query.Where(p => authorization.UrlParamList.Contains(p.Key.ToLowerInvariant())).ToList(),
            Headers = authorization.HeaderList.Select(name => KeyValuePair.Create(name, headerValue(name) ?? throw new InvalidOperationException($"{name} is signed but not sent"))).ToList(),
            KeyTime = authorization.KeyTime,
        });
        Assert.Equal(signature.Signature, authorization.Signature);
        Assert.Equal(authorization.UrlParamList.Count, query.Count(p => authorization.UrlParamList.Contains(p.Key.ToLowerInvariant())));
    }
}
