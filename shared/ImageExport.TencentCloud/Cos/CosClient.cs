using System.Globalization;
using System.Security.Cryptography;
using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Credentials;
using ImageExport.TencentCloud.Signing;
using Serilog;

namespace ImageExport.TencentCloud.Cos;

/// <summary>
/// The COS XML API over HTTP, signed with <c>q-sign-algorithm=sha1</c>. Every operation here may be repeated: a repeated
/// forbid-overwrite PUT that meets its own earlier write surfaces as <see cref="CosObjectExistsException"/>, which the
/// caller already handles by re-reading.
/// </summary>
public sealed class CosClient : ICosApi
{
    public const int MaxKeysLimit = 1000;

    /// <summary>DELETE Multiple Objects takes at most 1,000 keys a request (COS API document 436/8289).</summary>
    public const int MaxDeleteKeys = 1000;

    // Signatures start a minute early so a server clock slightly behind ours still accepts them.
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RequestSignatureLifetime = TimeSpan.FromMinutes(15);

    private readonly HttpClient _http;
    private readonly ICredentialsProvider _credentials;
    private readonly TencentCloudSettings _settings;
    private readonly CosAddressing _addressing;
    private readonly RetryPolicy _retry;

    public CosClient(HttpClient http, ICredentialsProvider credentials, TencentCloudSettings settings, TimeProvider time, ILogger logger, RetryOptions? retry = null)
        : this(http, credentials, settings, RetryPolicy.Create(retry, time, logger))
    {
    }

    internal CosClient(HttpClient http, ICredentialsProvider credentials, TencentCloudSettings settings, RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(settings);
        _http = http;
        _credentials = credentials;
        _settings = settings;
        _addressing = new CosAddressing(settings);
        _retry = retry;
    }

    /// <summary>How every user metadata header's name begins.</summary>
    public const string MetadataPrefix = "x-cos-meta-";

    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>(StringComparer.Ordinal);

    public Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, CancellationToken cancellationToken) =>
        PutObjectAsync(bucket, key, content, contentType, forbidOverwrite, NoMetadata, cancellationToken);

    public async Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var target = _addressing.Object(bucket, key);
        var body = new CosBody(content, contentType ?? "application/octet-stream", Convert.ToBase64String(MD5.HashData(content.Span)));
        List<KeyValuePair<string, string>> headers = forbidOverwrite ? [new("x-cos-forbid-overwrite", "true")] : [];
        foreach (var (name, value) in metadata)
        {
            // COS API "PUT Object" (436/7749): user metadata travels as x-cos-meta-* headers, 2 KB at most in all.
            if (!name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"user metadata names start with {MetadataPrefix}: {name}", nameof(metadata));
            }

            headers.Add(new(name.ToLowerInvariant(), value));
        }

        var response = await SendAsync("cos:PutObject", HttpMethod.Put, target, [], headers, body, cancellationToken).ConfigureAwait(false);
        if (response.Status is >= 200 and < 300)
        {
            return new CosPutResult(response.Header("ETag"), response.RequestId);
        }

        var error = response.ToException();
        if (response.Status == 409 && (error.Code == "FileAlreadyExists" || (forbidOverwrite && !CosXml.TryParseError(response.Body, out _))))
        {
            throw new CosObjectExistsException(key, error.RequestId);
        }

        throw error;
    }

    public async Task<CosObject?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var target = _addressing.Object(bucket, key);
        var response = await SendAsync("cos:GetObject", HttpMethod.Get, target, [], [], null, cancellationToken).ConfigureAwait(false);
        if (response.Status is >= 200 and < 300)
        {
            return new CosObject(response.ObjectInfo(key), response.Body);
        }

        return IsMissingObject(response) ? null : throw response.ToException();
    }

    public async Task<CosObjectInfo?> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var target = _addressing.Object(bucket, key);
        var response = await SendAsync("cos:HeadObject", HttpMethod.Head, target, [], [], null, cancellationToken).ConfigureAwait(false);
        if (response.Status is >= 200 and < 300)
        {
            return response.ObjectInfo(key);
        }

        return IsMissingObject(response) ? null : throw response.ToException();
    }

    public async Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var target = _addressing.Object(bucket, key);
        var response = await SendAsync("cos:DeleteObject", HttpMethod.Delete, target, [], [], null, cancellationToken).ConfigureAwait(false);
        if (response.Status is >= 200 and < 300 || IsMissingObject(response))
        {
            return;
        }

        throw response.ToException();
    }

    // COS API "DELETE Multiple Objects" (https://cloud.tencent.com/document/product/436/8289): POST /?delete with an
    // application/xml body <Delete><Quiet/><Object><Key/></Object>…</Delete> and a Content-MD5 header; the answer is a
    // <DeleteResult> whose <Error> elements name the keys not deleted (quiet mode leaves out the <Deleted> ones).
    // Deleting the same keys again is harmless, so the request is retried like the other operations.
    public async Task<CosDeleteResult> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return new CosDeleteResult([], []);
        }

        if (keys.Count > MaxDeleteKeys)
        {
            throw new ArgumentOutOfRangeException(nameof(keys), keys.Count, $"DELETE Multiple Objects takes at most {MaxDeleteKeys} keys.");
        }

        var target = _addressing.Bucket(bucket);
        var content = CosXml.DeleteRequest(keys, quiet: true);
        var body = new CosBody(content, "application/xml", Convert.ToBase64String(MD5.HashData(content)));
        var response = await SendAsync("cos:DeleteMultipleObjects", HttpMethod.Post, target, [new("delete", "")], [], body, cancellationToken).ConfigureAwait(false);
        return Parse(response, answer => CosXml.ParseDeleteResult(answer, keys));
    }

    public async Task<CosListPage> ListObjectsAsync(string bucket, string? prefix, string? marker, int maxKeys, CancellationToken cancellationToken)
    {
        var target = _addressing.Bucket(bucket);
        var query = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(prefix))
        {
            query.Add(new("prefix", prefix));
        }

        if (!string.IsNullOrEmpty(marker))
        {
            query.Add(new("marker", marker));
        }

        query.Add(new("max-keys", Math.Clamp(maxKeys, 1, MaxKeysLimit).ToString(CultureInfo.InvariantCulture)));

        var response = await SendAsync("cos:GetBucket", HttpMethod.Get, target, query, [], null, cancellationToken).ConfigureAwait(false);
        if (response.Status is < 200 or >= 300)
        {
            throw response.ToException();
        }

        try
        {
            return CosXml.ParseList(response.Body);
        }
        catch (FormatException e)
        {
            throw new CosException(response.Status, TencentCloudErrorCodes.InvalidResponse, e.Message, response.RequestId, e);
        }
    }

    // Tencent's API documents: ListMultipartUploads https://www.tencentcloud.com/document/product/436/7736 and
    // ListParts https://www.tencentcloud.com/document/product/436/7747 (query fields, answer elements, 1,000 per page).
    public async Task<CosUploadPage> ListMultipartUploadsAsync(
        string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken)
    {
        var target = _addressing.Bucket(bucket);
        var query = new List<KeyValuePair<string, string>> { new("uploads", "") };
        if (!string.IsNullOrEmpty(prefix))
        {
            query.Add(new("prefix", prefix));
        }

        if (!string.IsNullOrEmpty(keyMarker))
        {
            query.Add(new("key-marker", keyMarker));
            if (!string.IsNullOrEmpty(uploadIdMarker))
            {
                query.Add(new("upload-id-marker", uploadIdMarker));
            }
        }

        query.Add(new("max-uploads", Math.Clamp(maxUploads, 1, MaxKeysLimit).ToString(CultureInfo.InvariantCulture)));
        var response = await SendAsync("cos:ListMultipartUploads", HttpMethod.Get, target, query, [], null, cancellationToken).ConfigureAwait(false);
        return Parse(response, CosXml.ParseUploads);
    }

    public async Task<CosPartPage?> ListPartsAsync(string bucket, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(uploadId);
        var target = _addressing.Object(bucket, key);
        var query = new List<KeyValuePair<string, string>> { new("uploadId", uploadId) };
        if (partNumberMarker > 0)
        {
            query.Add(new("part-number-marker", partNumberMarker.ToString(CultureInfo.InvariantCulture)));
        }

        query.Add(new("max-parts", Math.Clamp(maxParts, 1, MaxKeysLimit).ToString(CultureInfo.InvariantCulture)));
        var response = await SendAsync("cos:ListParts", HttpMethod.Get, target, query, [], null, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404 && CosXml.TryParseError(response.Body, out var error) && error.Code == "NoSuchUpload")
        {
            return null;
        }

        return Parse(response, CosXml.ParseParts);
    }

    public async Task<CosBucketInfo?> HeadBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var target = _addressing.Bucket(bucket);
        var response = await SendAsync("cos:HeadBucket", HttpMethod.Head, target, [], [], null, cancellationToken).ConfigureAwait(false);
        if (response.Status is >= 200 and < 300)
        {
            return new CosBucketInfo(bucket, response.Header("x-cos-bucket-region"));
        }

        return response.Status == 404 ? null : throw response.ToException();
    }

    public async Task<string?> GetBucketVersioningAsync(string bucket, CancellationToken cancellationToken)
    {
        var target = _addressing.Bucket(bucket);
        var response = await SendAsync("cos:GetBucketVersioning", HttpMethod.Get, target, [new("versioning", "")], [], null, cancellationToken).ConfigureAwait(false);
        if (response.Status is < 200 or >= 300)
        {
            throw response.ToException();
        }

        try
        {
            return CosXml.ParseVersioning(response.Body);
        }
        catch (FormatException e)
        {
            throw new CosException(response.Status, TencentCloudErrorCodes.InvalidResponse, e.Message, response.RequestId, e);
        }
    }

    /// <summary>
    /// Signs host and, with temporary keys, <c>x-cos-security-token</c> (also in the query). ExpiresAt is the earlier of
    /// the URL's end and the keys' end: their ExpiresAt when known, else (temporary keys) now plus
    /// <see cref="TencentCloudSettings.TemporaryCredentialsLifetime"/>.
    /// </summary>
    public CosPresignedUrl PresignGetObject(string bucket, string key, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A presigned URL needs a positive lifetime.");
        }

        var target = _addressing.Object(bucket, key);
        var credentials = _credentials.GetCredentials();
        var now = _retry.Time.GetUtcNow();
        var end = now + lifetime;

        List<KeyValuePair<string, string>> signedQuery = credentials.SessionToken is { } token ? [new("x-cos-security-token", token)] : [];
        var signature = CosSigner.Sign(new CosSigningInput
        {
            SecretId = credentials.SecretId,
            SecretKey = credentials.SecretKey,
            HttpMethod = "GET",
            Path = target.SignedPath,
            Query = signedQuery,
            Headers = [new("host", target.Host)],
            KeyTime = KeyTime(now - ClockSkewAllowance, end),
        });

        var query = ParseAuthorization(signature.Authorization).Concat(signedQuery);
        var expiresAt = credentials.ExpiresAt
            ?? (credentials.SessionToken is null ? (DateTimeOffset?)null : now + _settings.TemporaryCredentialsLifetime);
        return new CosPresignedUrl(target.WithQuery(query), expiresAt is { } keysEnd && keysEnd < end ? keysEnd : end);
    }

    private static T Parse<T>(CosResponse response, Func<byte[], T> parse)
    {
        if (response.Status is < 200 or >= 300)
        {
            throw response.ToException();
        }

        try
        {
            return parse(response.Body);
        }
        catch (FormatException e)
        {
            throw new CosException(response.Status, TencentCloudErrorCodes.InvalidResponse, e.Message, response.RequestId, e);
        }
    }

    private static bool IsMissingObject(CosResponse response) =>
        response.Status == 404 && !(CosXml.TryParseError(response.Body, out var error) && error.Code == "NoSuchBucket");

    private Task<CosResponse> SendAsync(
        string operation, HttpMethod method, CosTarget target, IReadOnlyList<KeyValuePair<string, string>> query,
        IReadOnlyList<KeyValuePair<string, string>> headers, CosBody? body, CancellationToken cancellationToken) =>
        _retry.RunAsync(operation, async attemptToken =>
        {
            using var request = Build(method, target, query, headers, body);
            try
            {
                // A HEAD answer carries the object's Content-Length but no body; buffering it would refuse any object
                // over 2 GiB, which every exported disk is.
                var completion = method == HttpMethod.Head ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
                using var response = await _http.SendAsync(request, completion, attemptToken).ConfigureAwait(false);
                var bytes = method == HttpMethod.Head ? [] : await response.Content.ReadAsByteArrayAsync(attemptToken).ConfigureAwait(false);
                var answer = CosResponse.From(response, bytes);
                if (answer.Status >= 500 || answer.Status == 429)
                {
                    var error = answer.ToException();
                    throw new RetryableException(error.Code, error);
                }

                return answer;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RetryableException(TencentCloudErrorCodes.Timeout,
                    new CosException(0, TencentCloudErrorCodes.Timeout, $"{operation}: no answer within {_retry.Options.AttemptTimeout}", null, e));
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new RetryableException(TencentCloudErrorCodes.Transport,
                    new CosException(0, TencentCloudErrorCodes.Transport, $"{operation}: {e.Message}", null, e));
            }
        }, cancellationToken);

    // Built per attempt: a fresh signature time, and credentials SCF may have rotated.
    private HttpRequestMessage Build(
        HttpMethod method, CosTarget target, IReadOnlyList<KeyValuePair<string, string>> query,
        IReadOnlyList<KeyValuePair<string, string>> headers, CosBody? body)
    {
        var credentials = _credentials.GetCredentials();
        var now = _retry.Time.GetUtcNow();

        var sent = new List<KeyValuePair<string, string>>(headers);
        if (credentials.SessionToken is { } token)
        {
            sent.Add(new("x-cos-security-token", token));
        }

        var signed = new List<KeyValuePair<string, string>>(sent) { new("host", target.Host) };
        if (body is not null)
        {
            signed.Add(new("content-type", body.ContentType));
            signed.Add(new("content-length", body.Content.Length.ToString(CultureInfo.InvariantCulture)));
            signed.Add(new("content-md5", body.ContentMd5));
        }

        var signature = CosSigner.Sign(new CosSigningInput
        {
            SecretId = credentials.SecretId,
            SecretKey = credentials.SecretKey,
            HttpMethod = method.Method,
            Path = target.SignedPath,
            Query = query,
            Headers = signed,
            KeyTime = KeyTime(now - ClockSkewAllowance, now + RequestSignatureLifetime),
        });

        var request = new HttpRequestMessage(method, target.WithQuery(query));
        request.Headers.Host = target.Host;
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        foreach (var (name, value) in sent)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new ReadOnlyMemoryContent(body.Content);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
            request.Content.Headers.TryAddWithoutValidation("Content-MD5", body.ContentMd5);
            request.Content.Headers.ContentLength = body.Content.Length;
        }

        return request;
    }

    private static string KeyTime(DateTimeOffset start, DateTimeOffset end) =>
        string.Create(CultureInfo.InvariantCulture, $"{start.ToUnixTimeSeconds()};{end.ToUnixTimeSeconds()}");

    private static IEnumerable<KeyValuePair<string, string>> ParseAuthorization(string authorization) =>
        authorization.Split('&').Select(pair => pair.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p.Length > 1 ? p[1] : ""));

    private sealed record CosBody(ReadOnlyMemory<byte> Content, string ContentType, string ContentMd5);
}
