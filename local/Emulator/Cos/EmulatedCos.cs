namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// The COS operations that create objects, for the XML endpoint and for emulated exports alike: each stores through
/// <see cref="CosStorage"/> and then raises the trigger event the real service would.
/// </summary>
internal sealed class EmulatedCos(CosStorage storage, CosEventFactory events, CosEventDispatcher dispatcher, EmulatorCounters counters, Serilog.ILogger log)
{
    public const string PutEvent = "cos:ObjectCreated:Put";
    public const string CompleteMultipartUploadEvent = "cos:ObjectCreated:CompleteMultipartUpload";

    /// <summary>COS's largest part; emulated exports cut their disks into parts of this size, as a real uploader must.</summary>
    private const long MaxPartSize = 5L << 30;

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

    private void Raise(string bucketName, StoredObject stored, string eventName, CosRequestOrigin origin)
    {
        var bucket = storage.GetBucket(bucketName);
        var created = events.Create(bucket.Settings, stored, eventName, origin);
        counters.CosEvent(eventName);
        _log.Information("Object {Bucket}/{Key} created ({Size} bytes), event {EventName}", bucketName, stored.Key, stored.Size, eventName);
        dispatcher.Publish(created);
    }
}
