using ImageExport.Core.Json;
using ImageExport.Core.State;
using Serilog;

namespace ImageExport.Core.Jobs;

/// <summary><c>paths/&lt;bucket&gt;/&lt;object key&gt;.json</c> → the job and image an exported object belongs to, for the COS trigger.</summary>
internal sealed class PathIndex(StateStore state, ILogger log)
{
    // ".json" so the record never ends in an export suffix (.raw, .qcow2…): the COS triggers would invoke notify for it.
    public static string Key(string bucket, string objectKey) => $"paths/{bucket}/{objectKey}.json";

    public async Task RecordAsync(string bucket, IEnumerable<string> objectKeys, string jobId, string imageId, CancellationToken cancellationToken)
    {
        var entry = new PathEntry(jobId, imageId);
        foreach (var objectKey in objectKeys.Distinct(StringComparer.Ordinal))
        {
            var key = Key(bucket, objectKey);
            if (await state.TryCreateAsync(key, entry, CoreJson.Default.PathEntry, cancellationToken).ConfigureAwait(false)) continue;
            var existing = await state.GetAsync(key, CoreJson.Default.PathEntry, cancellationToken).ConfigureAwait(false);
            if (existing == entry) continue;
            // A later job exporting to the same key overwrites the object, so it owns the key from now on.
            log.Warning("Object {Bucket}/{ObjectKey} moves from job {OldJobId} to job {JobId}", bucket, objectKey, existing?.JobId, jobId);
            await state.PutAsync(key, entry, CoreJson.Default.PathEntry, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<PathEntry?> FindAsync(string bucket, string objectKey, CancellationToken cancellationToken) =>
        state.GetAsync(Key(bucket, objectKey), CoreJson.Default.PathEntry, cancellationToken);
}
