using System.Text;
using ImageExport.TencentCloud.Cos;

namespace ImageExport.Core.Tests.Support;

/// <summary>
/// COS in memory: forbid-overwrite PUTs fail with <see cref="CosObjectExistsException"/> (unless the bucket ever had
/// versioning, where COS ignores the header), listings page by marker in key order, HEAD bucket reports the bucket's
/// region. Every call yields first so concurrent handlers interleave.
/// </summary>
internal sealed class FakeCos(TimeProvider time) : ICosApi
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly List<string> _requests = [];
    private int _listCalls;
    private int _headObjectCalls;
    private int _uploadCounter;

    /// <summary>Every request made, as <c>VERB bucket/key-or-prefix</c> (LIST, GET, PUT, HEAD, DELETE, HEADBUCKET, VERSIONING), in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Forgets the requests made so far, to count those of the next step alone.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    private void Record(string verb, string bucket, string? key)
    {
        lock (_gate)
        {
            _requests.Add($"{verb} {bucket}/{key}");
        }
    }

    /// <summary>Awaited after each PUT or LIST is recorded and before it is carried out (verb, key or prefix).</summary>
    public Func<string, string, Task>? BeforeRequest { get; set; }

    /// <summary>HEAD bucket answers 403 for these.</summary>
    public HashSet<string> UnreadableBuckets { get; } = [];

    /// <summary>When set and true for a key, a PUT of it fails as a COS 503 would (after the client's own retries).</summary>
    public Func<string, bool>? FailPut { get; set; }

    /// <summary>
    /// When set and true for a key, a create (forbid-overwrite PUT) of it is stored but its answer is lost: the caller sees
    /// what the COS client sees after retrying it, "already exists" (<see cref="CosObjectExistsException"/>).
    /// </summary>
    public Func<string, bool>? LoseCreateAnswer { get; set; }

    /// <summary>How many GET ?versioning calls still fail as a COS 503 would (after the client's own retries).</summary>
    public int VersioningFailures { get; set; }

    /// <summary>When set, presigned links die with credentials that expire at this time.</summary>
    public DateTimeOffset? CredentialsExpireAt { get; set; }

    public int ListCalls => Volatile.Read(ref _listCalls);

    public int HeadObjectCalls => Volatile.Read(ref _headObjectCalls);

    public void AddBucket(string bucket, string region)
    {
        lock (_gate)
        {
            _buckets[bucket] = new Bucket(region);
        }
    }

    /// <summary>PUT Bucket versioning: <c>Enabled</c> or <c>Suspended</c>; a bucket never goes back to "never enabled".</summary>
    public void SetVersioning(string bucket, string status)
    {
        lock (_gate)
        {
            Existing(bucket).Versioning = status;
        }
    }

    /// <summary>Every key of every bucket as <c>bucket/key</c>, for "nothing was recorded" assertions.</summary>
    public IReadOnlyList<string> AllKeys()
    {
        lock (_gate)
        {
            return _buckets.SelectMany(b => b.Value.Objects.Keys.Select(k => $"{b.Key}/{k}")).Order(StringComparer.Ordinal).ToList();
        }
    }

    public IReadOnlyList<string> Keys(string bucket, string prefix = "")
    {
        lock (_gate)
        {
            return _buckets[bucket].Objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }
    }

    public string? Text(string bucket, string key)
    {
        lock (_gate)
        {
            return _buckets[bucket].Objects.TryGetValue(key, out var o) ? Encoding.UTF8.GetString(o.Content) : null;
        }
    }

    /// <summary>Stores an object whose reported size is <paramref name="size"/> (what CVM's export writes).</summary>
    public void Write(string bucket, string key, long size)
    {
        lock (_gate)
        {
            _buckets[bucket].Objects[key] = new StoredObject([], size, time.GetUtcNow());
        }
    }

    public Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, CancellationToken cancellationToken) =>
        PutObjectAsync(bucket, key, content, contentType, forbidOverwrite, new Dictionary<string, string>(), cancellationToken);

    public async Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("PUT", bucket, key);
        if (BeforeRequest is { } putHook)
        {
            await putHook("PUT", key);
        }

        if (FailPut?.Invoke(key) == true)
        {
            throw new CosException(503, "SlowDown", $"injected failure writing {key}", "req-fake");
        }

        lock (_gate)
        {
            var b = Existing(bucket);
            // As COS documents: the header has no effect on a bucket that ever had versioning.
            if (forbidOverwrite && b.Versioning is null && b.Objects.ContainsKey(key))
            {
                throw new CosObjectExistsException(key, "req-fake");
            }

            b.Objects[key] = new StoredObject(content.ToArray(), content.Length, time.GetUtcNow()) { Metadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal) };
            if (forbidOverwrite && LoseCreateAnswer?.Invoke(key) == true)
            {
                // The object is stored but the answer never came; the client's retry of the same PUT is answered 409.
                throw new CosObjectExistsException(key, "req-fake-retry");
            }

            return new CosPutResult("\"etag\"", "req-fake");
        }
    }

    public async Task<CosObject?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("GET", bucket, key);
        lock (_gate)
        {
            return Existing(bucket).Objects.TryGetValue(key, out var o) ? new CosObject(Info(key, o), o.Content) : null;
        }
    }

    public async Task<CosObjectInfo?> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("HEAD", bucket, key);
        Interlocked.Increment(ref _headObjectCalls);
        lock (_gate)
        {
            return Existing(bucket).Objects.TryGetValue(key, out var o) ? Info(key, o) : null;
        }
    }

    public async Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("DELETE", bucket, key);
        lock (_gate)
        {
            Existing(bucket).Objects.Remove(key);
        }
    }

    /// <summary>DELETE Multiple Objects refuses every key with a per-key AccessDenied (a role without cos:DeleteObject).</summary>
    public bool DenyDelete { get; set; }

    /// <summary>When set, DELETE Multiple Objects throws it before deleting anything (a crash, a timeout).</summary>
    public Func<IReadOnlyList<string>, Exception?>? FailMultiDelete { get; set; }

    /// <summary>The keys of every DELETE Multiple Objects call, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> MultiDeletes
    {
        get
        {
            lock (_gate)
            {
                return _multiDeletes.ToList();
            }
        }
    }

    private readonly List<IReadOnlyList<string>> _multiDeletes = [];

    public async Task<CosDeleteResult> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("MULTIDELETE", bucket, string.Join(",", keys));
        if (FailMultiDelete?.Invoke(keys) is { } failure)
        {
            throw failure;
        }

        lock (_gate)
        {
            _multiDeletes.Add(keys.ToList());
            var b = Existing(bucket);
            if (DenyDelete)
            {
                return new CosDeleteResult([], keys.Select(k => new CosDeleteError(k, "AccessDenied", "Access Denied.")).ToList());
            }

            foreach (var key in keys)
            {
                b.Objects.Remove(key);
            }

            return new CosDeleteResult(keys.ToList(), []);
        }
    }

    public async Task<CosListPage> ListObjectsAsync(string bucket, string? prefix, string? marker, int maxKeys, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("LIST", bucket, prefix);
        if (BeforeRequest is { } listHook)
        {
            await listHook("LIST", prefix ?? "");
        }

        Interlocked.Increment(ref _listCalls);
        lock (_gate)
        {
            var matching = Existing(bucket).Objects
                .Where(o => o.Key.StartsWith(prefix ?? "", StringComparison.Ordinal) && (marker is null || string.CompareOrdinal(o.Key, marker) > 0))
                .ToList();
            var page = matching.Take(maxKeys).Select(o => Info(o.Key, o.Value)).ToList();
            var truncated = matching.Count > maxKeys;
            return new CosListPage(page, truncated, truncated ? page[^1].Key : null);
        }
    }

    /// <summary>ListMultipartUploads and ListParts answer 403 AccessDenied (a role without those permissions).</summary>
    public bool DenyUploadListing { get; set; }

    /// <summary>When set and true for a verb (LISTUPLOADS, LISTPARTS), that call fails as a COS 503 would after the client's retries.</summary>
    public Func<string, bool>? FailUploadListing { get; set; }

    /// <summary>Starts a multipart upload of <paramref name="key"/>, as CVM does when it begins writing a disk.</summary>
    public string StartUpload(string bucket, string key)
    {
        lock (_gate)
        {
            var id = $"upload-{++_uploadCounter:D4}";
            Existing(bucket).Uploads[id] = new Upload(key, id, time.GetUtcNow());
            return id;
        }
    }

    /// <summary>Adds the next part of <paramref name="size"/> bytes, written now.</summary>
    public void AddPart(string bucket, string uploadId, long size)
    {
        lock (_gate)
        {
            var upload = Existing(bucket).Uploads[uploadId];
            upload.Parts.Add(new CosPart(upload.Parts.Count + 1, size, time.GetUtcNow()));
        }
    }

    /// <summary>Completes the upload: the object appears with the parts' total size and the upload is gone.</summary>
    public void CompleteUpload(string bucket, string uploadId)
    {
        lock (_gate)
        {
            var b = Existing(bucket);
            var upload = b.Uploads[uploadId];
            b.Uploads.Remove(uploadId);
            b.Objects[upload.Key] = new StoredObject([], upload.Parts.Sum(p => p.Size), time.GetUtcNow());
        }
    }

    public void AbortUpload(string bucket, string uploadId)
    {
        lock (_gate)
        {
            Existing(bucket).Uploads.Remove(uploadId);
        }
    }

    public async Task<CosUploadPage> ListMultipartUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("LISTUPLOADS", bucket, prefix);
        ThrowIfListingFails("LISTUPLOADS");
        lock (_gate)
        {
            var matching = Existing(bucket).Uploads.Values
                .Where(u => u.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal)
                .Where(u => keyMarker is null || string.CompareOrdinal(u.Key, keyMarker) > 0 ||
                            (u.Key == keyMarker && uploadIdMarker is not null && string.CompareOrdinal(u.Id, uploadIdMarker) > 0))
                .ToList();
            var page = matching.Take(maxUploads).Select(u => new CosUpload(u.Key, u.Id, u.Initiated)).ToList();
            var truncated = matching.Count > maxUploads;
            return new CosUploadPage(page, truncated, truncated ? page[^1].Key : null, truncated ? page[^1].UploadId : null);
        }
    }

    public async Task<CosPartPage?> ListPartsAsync(string bucket, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("LISTPARTS", bucket, key);
        ThrowIfListingFails("LISTPARTS");
        lock (_gate)
        {
            if (!Existing(bucket).Uploads.TryGetValue(uploadId, out var upload) || upload.Key != key)
            {
                return null;
            }

            var after = upload.Parts.Where(p => p.PartNumber > partNumberMarker).ToList();
            var page = after.Take(maxParts).ToList();
            return new CosPartPage(page, after.Count > maxParts, page.Count > 0 ? page[^1].PartNumber : partNumberMarker);
        }
    }

    private void ThrowIfListingFails(string verb)
    {
        if (DenyUploadListing)
        {
            throw new CosException(403, "AccessDenied", "Access Denied.", "req-fake");
        }

        if (FailUploadListing?.Invoke(verb) == true)
        {
            throw new CosException(503, "SlowDown", $"injected failure of {verb}", "req-fake");
        }
    }

    public async Task<CosBucketInfo?> HeadBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("HEADBUCKET", bucket, null);
        if (UnreadableBuckets.Contains(bucket))
        {
            throw new CosException(403, "AccessDenied", "Access Denied", "req-fake");
        }

        lock (_gate)
        {
            return _buckets.TryGetValue(bucket, out var b) ? new CosBucketInfo(bucket, b.Region) : null;
        }
    }

    public async Task<string?> GetBucketVersioningAsync(string bucket, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Record("VERSIONING", bucket, null);
        lock (_gate)
        {
            if (VersioningFailures > 0)
            {
                VersioningFailures--;
                throw new CosException(503, "ServiceUnavailable", "injected failure reading versioning", "req-fake");
            }
            return Existing(bucket).Versioning;
        }
    }

    public CosPresignedUrl PresignGetObject(string bucket, string key, TimeSpan lifetime)
    {
        var expires = time.GetUtcNow() + lifetime;
        if (CredentialsExpireAt is { } credentials && credentials < expires)
        {
            expires = credentials;
        }

        return new CosPresignedUrl(new Uri($"https://{bucket}.cos.example.test/{key}?q-signature=fake"), expires);
    }

    private Bucket Existing(string bucket) =>
        _buckets.TryGetValue(bucket, out var b) ? b : throw new CosException(404, "NoSuchBucket", $"{bucket} does not exist", "req-fake");

    private static CosObjectInfo Info(string key, StoredObject o) => new(key, o.Size, "\"etag\"", o.Modified, "STANDARD") { Metadata = o.Metadata };

    private sealed record StoredObject(byte[] Content, long Size, DateTimeOffset Modified)
    {
        public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    }

    private sealed record Upload(string Key, string Id, DateTimeOffset Initiated)
    {
        public List<CosPart> Parts { get; } = [];
    }

    private sealed class Bucket(string region)
    {
        public Dictionary<string, Upload> Uploads { get; } = new(StringComparer.Ordinal);
        public string Region { get; } = region;
        public SortedDictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);
        public string? Versioning { get; set; }
    }
}
