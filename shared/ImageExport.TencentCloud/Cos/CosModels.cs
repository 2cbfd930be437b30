namespace ImageExport.TencentCloud.Cos;

public sealed record CosPutResult(string? ETag, string? RequestId);

public sealed record CosObjectInfo(string Key, long Size, string? ETag, DateTimeOffset? LastModified, string? StorageClass);

public sealed record CosObject(CosObjectInfo Info, ReadOnlyMemory<byte> Content);

public sealed record CosListPage(IReadOnlyList<CosObjectInfo> Objects, bool IsTruncated, string? NextMarker);

public sealed record CosBucketInfo(string Bucket, string? Region);

/// <summary>A presigned URL and when it really stops working: the earlier of its own expiry and the credentials'.</summary>
public sealed record CosPresignedUrl(Uri Url, DateTimeOffset ExpiresAt);

/// <summary>A COS XML error (<c>&lt;Error&gt;&lt;Code/&gt;…</c>) with its HTTP status and request ID.</summary>
public class CosException(int statusCode, string code, string message, string? requestId, Exception? inner = null)
    : Exception($"COS {statusCode} {code}: {message}" + (requestId is null ? "" : $" (RequestId {requestId})"), inner)
{
    public int StatusCode { get; } = statusCode;
    public string Code { get; } = code;
    public string ErrorMessage { get; } = message;
    public string? RequestId { get; } = requestId;
}

/// <summary><c>409 FileAlreadyExists</c> from a PUT with <c>x-cos-forbid-overwrite: true</c>.</summary>
public sealed class CosObjectExistsException(string key, string? requestId)
    : CosException(409, "FileAlreadyExists", $"{key} already exists", requestId);
