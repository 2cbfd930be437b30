using System.Text;
using ImageExport.TencentCloud.Signing;

namespace ImageExport.TencentCloud.Cos;

/// <summary>Where a bucket or object lives: its URL, the Host header sent, and the path that is signed.</summary>
internal sealed record CosTarget(string BaseUrl, string Host, string SignedPath)
{
    /// <summary>The URL with these decoded query pairs, each name and value url-encoded.</summary>
    public Uri WithQuery(IEnumerable<KeyValuePair<string, string>> query)
    {
        var text = string.Join('&', query.Select(p => $"{CosSigner.UrlEncode(p.Key)}={CosSigner.UrlEncode(p.Value)}"));
        return new Uri(text.Length == 0 ? BaseUrl : $"{BaseUrl}?{text}");
    }
}

internal sealed class CosAddressing(TencentCloudSettings settings)
{
    public CosTarget Bucket(string bucket) => Target(bucket, "");

    /// <summary>A leading <c>/</c> is dropped, so ExportImages' CosPaths can be passed as they come.</summary>
    public CosTarget Object(string bucket, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.TrimStart('/');
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("An object key must not be empty.", nameof(key));
        }

        // URLs collapse "." and ".." segments, so such a key would silently address another object.
        if (trimmed.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new ArgumentException($"The object key '{key}' has a '.' or '..' segment, which a URL cannot carry.", nameof(key));
        }

        return Target(bucket, trimmed);
    }

    private CosTarget Target(string bucket, string key)
    {
        ValidateBucket(bucket);
        var encodedKey = string.Join('/', key.Split('/').Select(CosSigner.UrlEncode));
        // Tencent's SDKs sign the object path without the bucket even when the bucket is in the path.
        var signedPath = "/" + key;

        if (settings.CosEndpoint is { } endpoint)
        {
            var host = endpoint.IsDefaultPort ? endpoint.IdnHost : $"{endpoint.IdnHost}:{endpoint.Port}";
            var root = new StringBuilder().Append(endpoint.Scheme).Append("://").Append(host).Append(endpoint.AbsolutePath.TrimEnd('/'));
            return new CosTarget(root.Append('/').Append(bucket).Append('/').Append(encodedKey).ToString(), host, signedPath);
        }

        var virtualHost = $"{bucket}.cos.{settings.Region}.myqcloud.com";
        return new CosTarget($"https://{virtualHost}/{encodedKey}", virtualHost, signedPath);
    }

    private static void ValidateBucket(string bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        // The bucket becomes part of a host name or a path: only the characters a bucket name may have.
        if (bucket.Length == 0 || !bucket.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
        {
            throw new ArgumentException($"'{bucket}' is not a bucket name (BucketName-APPID).", nameof(bucket));
        }
    }
}
