using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageExport.TencentCloud.Cos;

namespace ImageExport.Core.Storage;

/// <summary>
/// JSON objects under the state prefix of the state bucket. Writes are creates (<c>x-cos-forbid-overwrite</c>),
/// so two writers racing for a key learn which one won; that holds only in a bucket that never had versioning, which
/// <paramref name="versioning"/> makes sure of before the first write.
/// </summary>
internal sealed class StateStore(ICosApi cos, string bucket, string prefix, StateBucketVersioning versioning)
{
    public StateStore(ICosApi cos, string bucket, string prefix)
        : this(cos, bucket, prefix, new StateBucketVersioning(cos, bucket, Serilog.Core.Logger.None))
    {
    }

    // Bounds every listing; far beyond what one invocation can act on anyway.
    private const int MaxPages = 100;

    public string Bucket => bucket;

    public string Prefix => prefix;

    /// <summary>The user metadata each create carries: a random name of the write, so a writer can tell its own object.</summary>
    public const string WriterMetadata = CosClient.MetadataPrefix + "imageexport-writer";

    /// <summary>
    /// Creates the object; false when another writer created it first. A create whose answer was lost (a timeout, a
    /// dropped connection) is tried again by the COS client, and COS answers that retry "already exists": the object is
    /// then this writer's own, which the random name it carries (<see cref="WriterMetadata"/>) tells, at the price of
    /// one HEAD on a conflict. Without that, a job's first event, a claim or a delivery marker whose answer was lost
    /// read as a race lost to nobody: the start submitted nothing and the image waited out the unknown-outcome grace.
    /// </summary>
    public async Task<bool> TryCreateAsync<T>(string key, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await versioning.EnsureCreateOnlyWritesHoldAsync(cancellationToken).ConfigureAwait(false);
        var writer = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        try
        {
            await cos.PutObjectAsync(bucket, prefix + key, JsonSerializer.SerializeToUtf8Bytes(value, type), "application/json", forbidOverwrite: true,
                new Dictionary<string, string>(StringComparer.Ordinal) { [WriterMetadata] = writer }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (CosObjectExistsException)
        {
            var existing = await cos.HeadObjectAsync(bucket, prefix + key, cancellationToken).ConfigureAwait(false);
            return existing is not null && existing.Metadata.TryGetValue(WriterMetadata, out var owner) && owner == writer;
        }
    }

    /// <summary>Writes the object whatever exists (only for content that is the same for every writer, or an index's latest owner).</summary>
    public async Task PutAsync<T>(string key, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await versioning.EnsureCreateOnlyWritesHoldAsync(cancellationToken).ConfigureAwait(false);
        await cos.PutObjectAsync(bucket, prefix + key, JsonSerializer.SerializeToUtf8Bytes(value, type), "application/json", forbidOverwrite: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T?> GetAsync<T>(string key, JsonTypeInfo<T> type, CancellationToken cancellationToken) where T : class
    {
        var obj = await cos.GetObjectAsync(bucket, prefix + key, cancellationToken).ConfigureAwait(false);
        return obj is null ? null : JsonSerializer.Deserialize(obj.Content.Span, type);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await versioning.EnsureCreateOnlyWritesHoldAsync(cancellationToken).ConfigureAwait(false);
        await cos.DeleteObjectAsync(bucket, prefix + key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every object under <paramref name="keyPrefix"/> (keys returned relative to the state prefix), in key order.</summary>
    public async Task<IReadOnlyList<CosObjectInfo>> ListAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        var listing = await cos.ListAllObjectsAsync(bucket, prefix + keyPrefix, MaxPages, cancellationToken).ConfigureAwait(false);
        return listing.Items.Select(o => o with { Key = o.Key[prefix.Length..] }).ToList();
    }

    /// <summary>One page; <paramref name="after"/> and the returned keys and marker are relative to the state prefix.</summary>
    public async Task<CosListPage> ListPageAsync(string keyPrefix, string? after, int maxKeys, CancellationToken cancellationToken)
    {
        var page = await cos.ListObjectsAsync(bucket, prefix + keyPrefix, after is null ? null : prefix + after, maxKeys, cancellationToken).ConfigureAwait(false);
        var objects = page.Objects.Select(o => o with { Key = o.Key[prefix.Length..] }).ToList();
        var next = page.NextMarker ?? (page.IsTruncated && page.Objects.Count > 0 ? page.Objects[^1].Key : null);
        return new CosListPage(objects, page.IsTruncated, next is null ? null : next[prefix.Length..]);
    }
}
