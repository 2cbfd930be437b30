namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// The COS operations that create objects, for the XML endpoint and for emulated exports alike: each stores through
/// <see cref="CosStorage"/> and then raises the trigger event the real service would.
/// </summary>
internal sealed class EmulatedCos(CosStorage storage, CosEventFactory events, CosEventDispatcher dispatcher, EmulatorCounters counters, Serilog.ILogger log)
{
    public const string PutEvent = "cos:ObjectCreated:Put";
    public const string CompleteMultipartUploadEvent = "cos:ObjectCreated:CompleteMultipartUpload";

    /// <summary>COS's largest part (tencentcloud.com/document/product/436/14112): no upload may use bigger ones.</summary>
    private const long MaxPartSize = 5L << 30;

    /// <summary>
    /// The part size of an emulated export: 1 GiB, so a demo disk shows its bytes climbing part by part (the size CVM
    /// really uses is not documented: a guess, listed in local/README.md); larger when a disk would need more than
    /// COS's 10,000 parts.
    /// </summary>
    public static long ExportPartSize(long size) => Math.Min(MaxPartSize, Math.Max(1L << 30, (size + CosStorage.MaxPartNumber - 1) / CosStorage.MaxPartNumber));

    private readonly Serilog.ILogger _log = log.ForContext<EmulatedCos>();

    public CosStorage Storage => storage;

    public async Task<StoredObject> PutObjectAsync(
        string bucket, string key, Stream content, string? contentType, IReadOnlyDictionary<string, string> meta, bool forbidOverwrite,
        byte[]? expectedMd5, CosRequestOrigin origin, CancellationToken cancellationToken)
    {
        var stored = await storage.PutObjectAsync(bucket, key, content, contentType, meta, forbidOverwrite, expectedMd5, cancellationToken);
        Raise(bucket, stored, PutEvent, origin);
        return stored;
    }

    public async Task<StoredObject> CompleteMultipartUploadAsync(
        string bucket, string key, string uploadId, IReadOnlyList<CompletedPart> parts, bool forbidOverwrite, CosRequestOrigin origin,
        CancellationToken cancellationToken)
    {
        var stored = await storage.CompleteMultipartUploadAsync(bucket, key, uploadId, parts, forbidOverwrite, cancellationToken);
        Raise(bucket, stored, CompleteMultipartUploadEvent, origin);
        return stored;
    }

    /// <summary>
    /// Writes <paramref name="size"/> zero bytes as <paramref name="key"/> through a multipart upload, the way CVM
    /// lands an exported disk, without using that much disk.
    /// </summary>
    public async Task<StoredObject> WriteSparseObjectAsync(string bucket, string key, long size, CosRequestOrigin origin, CancellationToken cancellationToken)
    {
        var upload = storage.InitiateMultipartUpload(bucket, key, "application/octet-stream", new Dictionary<string, string>());
        var parts = new List<CompletedPart>();
        var remaining = size;
        do
        {
            var part = storage.UploadSparsePart(bucket, key, upload.UploadId, parts.Count + 1, Math.Min(remaining, MaxPartSize));
            parts.Add(new CompletedPart(part.PartNumber, part.ETag));
            remaining -= part.Size;
        }
        while (remaining > 0);

        return await CompleteMultipartUploadAsync(bucket, key, upload.UploadId, parts, forbidOverwrite: false, origin, cancellationToken);
    }

    /// <summary>Begins writing an exported disk as CVM must write anything over 5 GB: a multipart upload.</summary>
    public StoredUpload BeginExportUpload(string bucket, string key) =>
        storage.InitiateMultipartUpload(bucket, key, "application/octet-stream", new Dictionary<string, string>());

    /// <summary>One more part of an exported disk: zero bytes that take no disk (see <see cref="StoredPart"/>).</summary>
    public StoredPart AddExportPart(string bucket, string key, string uploadId, int partNumber, long size) =>
        storage.UploadSparsePart(bucket, key, uploadId, partNumber, size);

    /// <summary>Completes an exported disk's upload with every part it has; the COS event is <c>cos:ObjectCreated:CompleteMultipartUpload</c>.</summary>
    public Task<StoredObject> CompleteExportAsync(string bucket, string key, string uploadId, CosRequestOrigin origin, CancellationToken cancellationToken)
    {
        var (_, parts) = storage.ListParts(bucket, key, uploadId);
        return CompleteMultipartUploadAsync(
            bucket, key, uploadId, [.. parts.OrderBy(p => p.PartNumber).Select(p => new CompletedPart(p.PartNumber, p.ETag))], forbidOverwrite: false, origin, cancellationToken);
    }

    private void Raise(string bucketName, StoredObject stored, string eventName, CosRequestOrigin origin)
    {
        var bucket = storage.GetBucket(bucketName);
        var created = events.Create(bucket.Settings, stored, eventName, origin);
        counters.CosEvent(eventName);
        _log.Information("Object {Bucket}/{Key} created ({Size} bytes), event {EventName}", bucketName, stored.Key, stored.Size, eventName);
        dispatcher.Publish(created);
    }
}
