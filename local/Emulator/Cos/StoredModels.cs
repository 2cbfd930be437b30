namespace ImageExport.Local.Emulator.Cos;

/// <summary>A bucket's settings, kept in <c>&lt;bucket&gt;/bucket.json</c>.</summary>
/// <param name="Versioning"><c>Enabled</c> or <c>Suspended</c>; null while versioning was never enabled (absent in older bucket.json files).</param>
internal sealed record StoredBucket(string Name, string Region, IReadOnlyList<string> WriterRoles, DateTimeOffset CreatedAt, string? Versioning = null);

/// <summary>An object's metadata, kept beside its content.</summary>
/// <param name="ETag">Without quotes.</param>
/// <param name="Meta"><c>x-cos-meta-*</c> headers as sent (lower-case names).</param>
internal sealed record StoredObject(
    string Key, long Size, string ETag, DateTimeOffset LastModified, string? ContentType, IReadOnlyDictionary<string, string> Meta)
{
    public string StorageClass => "STANDARD";
}

internal sealed record StoredUpload(
    string UploadId, string Key, DateTimeOffset Initiated, string? ContentType, IReadOnlyDictionary<string, string> Meta);

/// <summary>
/// An uploaded part. A sparse part is a run of zero bytes that was never written (an emulated export's disk image), so
/// completing the upload extends the object instead of copying, and a 500 GiB image costs no disk.
/// </summary>
internal sealed record StoredPart(int PartNumber, long Size, string ETag, DateTimeOffset LastModified, bool Sparse);
