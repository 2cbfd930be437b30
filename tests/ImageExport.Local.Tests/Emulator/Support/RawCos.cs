using System.Globalization;
using ImageExport.TencentCloud.Credentials;
using ImageExport.TencentCloud.Signing;

namespace ImageExport.Local.Tests.Emulator.Support;

/// <summary>A COS request as the tests want it, signed with <see cref="CosSigner"/> (or deliberately not).</summary>
internal sealed record RawCosRequest
{
    public required HttpMethod Method { get; init; }
    public required string Bucket { get; init; }
    public string Key { get; init; } = "";
    public byte[]? Body { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];
    /// <summary>Sent and signed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public TencentCredentials? Credentials { get; init; }
    public string? SignWithKey { get; init; }
    public bool Unsigned { get; init; }
    public DateTimeOffset? KeyTimeStart { get; init; }
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(10);
    public bool OmitToken { get; init; }
    /// <summary>Listed in q-header-list (and signed as if sent) but not sent.</summary>
    public string? SignedButNotSentHeader { get; init; }
}

internal sealed class RawCos(TestEmulator emulator)
{
    public async Task<HttpResponseMessage> SendAsync(RawCosRequest call)
    {
        using var request = new HttpRequestMessage(call.Method, Url(call.Bucket, call.Key, call.Query));
        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(call.Body);
        }

        foreach (var (name, value) in call.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var credentials = call.Credentials ?? emulator.Host.Credentials;
        if (!call.Unsigned)
        {
            List<KeyValuePair<string, string>> signedHeaders = [new("host", request.RequestUri!.Authority), .. call.Headers];
            if (call.SignedButNotSentHeader is not null)
            {
                signedHeaders.Add(new(call.SignedButNotSentHeader, "x"));
            }

            request.Headers.TryAddWithoutValidation("Authorization", Sign(call, credentials, signedHeaders).Authorization);
        }

        if (credentials.SessionToken is not null && !call.OmitToken)
        {
            request.Headers.Add("x-cos-security-token", credentials.SessionToken);
        }

        // Headers first: HttpClient refuses to buffer a HEAD answer whose Content-Length is over 2 GiB (an exported disk).
        return await emulator.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>HEAD Object's Content-Length, or <c>null</c> on 404.</summary>
    public async Task<long?> HeadSizeAsync(string bucket, string key)
    {
        using var response = await SendAsync(new RawCosRequest { Method = HttpMethod.Head, Bucket = bucket, Key = key });
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : response.Content.Headers.ContentLength;
    }

    /// <summary>A presigned GET URL: the q-* pairs in the query, plus the token for temporary keys.</summary>
    public Uri Presign(string bucket, string key, TimeSpan lifetime, TencentCredentials? credentials = null, string? signWithKey = null)
    {
        credentials ??= emulator.Host.Credentials;
        var authority = emulator.Host.CosEndpoint.Authority;
        var call = new RawCosRequest { Method = HttpMethod.Get, Bucket = bucket, Key = key, Lifetime = lifetime, SignWithKey = signWithKey };
        var signature = Sign(call, credentials, [new("host", authority)]);
        var query = signature.Authorization.Split('&')
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(p[0], p[1]))
            .ToList();
        if (credentials.SessionToken is not null)
        {
            query.Add(new("x-cos-security-token", credentials.SessionToken));
        }

        return Url(bucket, key, query);
    }

    public Uri Url(string bucket, string key, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var text = $"{emulator.Host.CosEndpoint.ToString().TrimEnd('/')}/{bucket}/{path}";
        if (query.Count > 0)
        {
            text += "?" + string.Join('&', query.Select(q => q.Value.Length == 0 && q.Key is "uploads"
                ? q.Key
                : $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        }

        return new Uri(text);
    }

    private CosSignature Sign(RawCosRequest call, TencentCredentials credentials, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var start = call.KeyTimeStart ?? emulator.Time.GetUtcNow();
        var keyTime = string.Create(CultureInfo.InvariantCulture, $"{start.ToUnixTimeSeconds()};{(start + call.Lifetime).ToUnixTimeSeconds()}");
        return CosSigner.Sign(new CosSigningInput
        {
            SecretId = credentials.SecretId,
            SecretKey = call.SignWithKey ?? credentials.SecretKey,
            HttpMethod = call.Method.Method,
            Path = "/" + call.Key,
            Query = call.Query,
            Headers = headers,
            KeyTime = keyTime,
        });
    }
}
