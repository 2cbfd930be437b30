namespace ImageExport.TencentCloud.Cos;

/// <summary>The COS XML API operations ImageExport uses. Keys are given without a leading slash.</summary>
public interface ICosApi
{
    /// <summary>PUT Object. With <paramref name="forbidOverwrite"/>, an existing key fails with <see cref="CosObjectExistsException"/>.</summary>
    Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, CancellationToken cancellationToken);

    /// <summary>
    /// PUT Object with user metadata: each of <paramref name="metadata"/> is sent as a header (names start with
    /// <c>x-cos-meta-</c>) and comes back in <see cref="CosObjectInfo.Metadata"/> from HEAD and GET.
    /// </summary>
    Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>GET Object; <c>null</c> when the key does not exist.</summary>
    Task<CosObject?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>HEAD Object; <c>null</c> when the key does not exist.</summary>
    Task<CosObjectInfo?> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>DELETE Object; deleting a missing key succeeds, as in COS.</summary>
    Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken);

    /// <summary>
    /// DELETE Multiple Objects (<c>POST /?delete</c>, quiet mode): deletes up to <see cref="CosClient.MaxDeleteKeys"/> keys
    /// in one request and says, key by key, which COS refused. A missing key counts as deleted, as with DELETE Object.
    /// COS checks <c>cos:DeleteObject</c> for every key; a refusal comes back per key (<c>AccessDenied</c>) or, for the
    /// whole request, as a thrown <see cref="CosException"/>.
    /// </summary>
    Task<CosDeleteResult> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>GET Bucket (list objects): one page.</summary>
    Task<CosListPage> ListObjectsAsync(string bucket, string? prefix, string? marker, int maxKeys, CancellationToken cancellationToken);

    /// <summary>
    /// ListMultipartUploads (<c>GET /?uploads</c>): one page of the uploads in progress under <paramref name="prefix"/>, by
    /// key then initiation time. Needs <c>cos:ListMultipartUploads</c> on the bucket.
    /// </summary>
    Task<CosUploadPage> ListMultipartUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken);

    /// <summary>
    /// ListParts (<c>GET /&lt;key&gt;?uploadId=</c>): one page of an upload's parts after <paramref name="partNumberMarker"/>;
    /// <c>null</c> when the upload no longer exists (completed or aborted: <c>404 NoSuchUpload</c>). Needs <c>cos:ListParts</c>.
    /// </summary>
    Task<CosPartPage?> ListPartsAsync(string bucket, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken);

    /// <summary>HEAD Bucket; <c>null</c> when the bucket does not exist. Throws <see cref="CosException"/> (403) when it may not be read.</summary>
    Task<CosBucketInfo?> HeadBucketAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>
    /// GET Bucket versioning: <c>Enabled</c> or <c>Suspended</c>, or <c>null</c> when versioning was never enabled (COS
    /// answers an empty <c>VersioningConfiguration</c> then). A bucket that ever had versioning ignores
    /// <c>x-cos-forbid-overwrite</c>.
    /// </summary>
    Task<string?> GetBucketVersioningAsync(string bucket, CancellationToken cancellationToken);

    /// <summary>A presigned GET URL, with the session token when the credentials are temporary.</summary>
    CosPresignedUrl PresignGetObject(string bucket, string key, TimeSpan lifetime);
}
