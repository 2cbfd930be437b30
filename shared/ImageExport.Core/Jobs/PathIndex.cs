using ImageExport.Core.Storage;
using Serilog;

namespace ImageExport.Core.Jobs;

/// <summary><c>paths/&lt;bucket&gt;/&lt;object key&gt;.json</c> → the job and image an exported object belongs to, for the COS trigger.</summary>
internal sealed class PathIndex(StateStore state, ILogger log)
{
    // Enough for the keys of the jobs one instance starts in a row; older ones are simply written again.
    private const int RememberedLimit = 1024;

    private readonly object _gate = new();
    private readonly Dictionary<string, PathEntry> _remembered = new(StringComparer.Ordinal);
    private readonly Queue<string> _rememberedOrder = new();

    // ".json" so the record never ends in an export suffix (.raw, .qcow2…): the COS triggers would invoke notify for it.
    public static string Key(string bucket, string objectKey) => $"paths/{bucket}/{objectKey}.json";

    /// <summary>
    /// Points each key at the job's image, all keys at once. A key this instance itself stored for the same image is
    /// not written again: start records the predicted names just before ExportImages and the same names again from its
    /// CosPaths, and the second write would only be refused and read back. Should a later job have taken the key in
    /// between, it keeps it, as it would once it has written the object.
    /// </summary>
    public async Task RecordAsync(string bucket, IEnumerable<string> objectKeys, string jobId, string imageId, CancellationToken cancellationToken)
    {
        var entry = new PathEntry(jobId, imageId);
        var keys = objectKeys.Distinct(StringComparer.Ordinal).Select(k => (ObjectKey: k, Key: Key(bucket, k))).Where(k => !Remembers(k.Key, entry)).ToList();
        await Task.WhenAll(keys.Select(k => RecordOneAsync(bucket, k.ObjectKey, k.Key, entry, cancellationToken))).ConfigureAwait(false);
    }

    public Task<PathEntry?> FindAsync(string bucket, string objectKey, CancellationToken cancellationToken) =>
        state.GetAsync(Key(bucket, objectKey), JobStoreJson.Default.PathEntry, cancellationToken);

    private async Task RecordOneAsync(string bucket, string objectKey, string key, PathEntry entry, CancellationToken cancellationToken)
    {
        if (!await state.TryCreateAsync(key, entry, JobStoreJson.Default.PathEntry, cancellationToken).ConfigureAwait(false))
        {
            var existing = await state.GetAsync(key, JobStoreJson.Default.PathEntry, cancellationToken).ConfigureAwait(false);
            if (existing != entry)
            {
                // A later job exporting to the same key overwrites the object, so it owns the key from now on.
                log.Warning("Object {Bucket}/{ObjectKey} moves from job {OldJobId} to job {JobId}", bucket, objectKey, existing?.JobId, entry.JobId);
                await state.PutAsync(key, entry, JobStoreJson.Default.PathEntry, cancellationToken).ConfigureAwait(false);
            }
        }
        Remember(key, entry);
    }

    private bool Remembers(string key, PathEntry entry)
    {
        lock (_gate)
        {
            return _remembered.TryGetValue(key, out var known) && known == entry;
        }
    }

    private void Remember(string key, PathEntry entry)
    {
        lock (_gate)
        {
            if (!_remembered.ContainsKey(key))
            {
                _rememberedOrder.Enqueue(key);
            }

            _remembered[key] = entry;
            while (_rememberedOrder.Count > RememberedLimit)
            {
                _remembered.Remove(_rememberedOrder.Dequeue());
            }
        }
    }
}

/// <summary><c>paths/&lt;bucket&gt;/&lt;object key&gt;.json</c> (<see cref="PathIndex.Key"/>): which job and image an exported object belongs to.</summary>
internal sealed record PathEntry(string JobId, string ImageId);
