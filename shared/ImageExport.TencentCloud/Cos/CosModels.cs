namespace ImageExport.TencentCloud.Cos;

public sealed record CosPutResult(string? ETag, string? RequestId);

public sealed record CosObjectInfo(string Key, long Size, string? ETag, DateTimeOffset? LastModified, string? StorageClass)
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The object's user metadata from HEAD/GET: its <c>x-cos-meta-*</c> headers, names in lower case (COS API "HEAD
    /// Object", 436/7745, returns them as the PUT sent them). Empty from a listing, which does not carry them.
    /// </summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = NoMetadata;

    public bool Equals(CosObjectInfo? other) =>
        other is not null && Key == other.Key && Size == other.Size && ETag == other.ETag && LastModified == other.LastModified
        && StorageClass == other.StorageClass
        && Metadata.Count == other.Metadata.Count && Metadata.All(m => other.Metadata.TryGetValue(m.Key, out var v) && v == m.Value);

    public override int GetHashCode() => HashCode.Combine(Key, Size, ETag, LastModified, StorageClass, Metadata.Count);
}

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

/// <summary>A multipart upload not yet completed or aborted (ListMultipartUploads' <c>Upload</c>).</summary>
public sealed record CosUpload(string Key, string UploadId, DateTimeOffset? Initiated);

/// <summary>One page of ListMultipartUploads; the next page starts after (<see cref="NextKeyMarker"/>, <see cref="NextUploadIdMarker"/>).</summary>
public sealed record CosUploadPage(IReadOnlyList<CosUpload> Uploads, bool IsTruncated, string? NextKeyMarker, string? NextUploadIdMarker);

/// <summary>An uploaded part (ListParts' <c>Part</c>): its size and when it was written.</summary>
public sealed record CosPart(int PartNumber, long Size, DateTimeOffset? LastModified);

/// <summary>One page of ListParts; the next page starts after <see cref="NextPartNumberMarker"/>.</summary>
public sealed record CosPartPage(IReadOnlyList<CosPart> Parts, bool IsTruncated, int NextPartNumberMarker);

/// <summary>What DELETE Multiple Objects did: the keys deleted (or already absent) and those COS refused, with why.</summary>
public sealed record CosDeleteResult(IReadOnlyList<string> Deleted, IReadOnlyList<CosDeleteError> Errors);

/// <summary>One key DELETE Multiple Objects did not delete (its <c>&lt;Error&gt;</c> element).</summary>
public sealed record CosDeleteError(string Key, string Code, string Message);
