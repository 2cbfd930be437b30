using System.Text;
using System.Text.Json;
using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Notifications.Delivery;
using ImageExport.Scf.Events;
using ImageExport.Scf.Runtime;
using Serilog;

namespace ImageExport.Core.Notify;

/// <summary>
/// <c>exports.notify</c>: every record of a COS trigger event. A file of a job is marked landed (a second event
/// changes nothing); the job completes when all its files are there, and is announced. An export-shaped object no
/// job knows is announced once. A bad record fails the invocation (so SCF records it) after the others are handled.
/// </summary>
internal sealed class NotifyHandler(
    ImageExportSettings settings,
    PathIndex paths,
    JobStore store,
    JobAnnouncer announcer,
    UnknownExports unknown,
    TimeProvider time,
    ILogger log) : IFunctionHandler
{
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        CosEvent? e;
        try
        {
            e = JsonSerializer.Deserialize(payload.Span, ScfEventsJsonContext.Default.CosEvent);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a COS trigger event: {ex.Message}", ex);
        }
        var records = e?.Records ?? throw new FormatException("not a COS trigger event: no Records");

        var failures = new List<string>();
        for (var index = 0; index < records.Count; index++)
        {
            try
            {
                await HandleRecordAsync(records[index], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log.Error("COS record {Index} failed: {ErrorType}: {Reason}", index, ex.GetType().Name, ex.Message);
                failures.Add($"record {index}: {ex.Message}");
            }
        }
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"{failures.Count} of {records.Count} COS record(s) failed: {string.Join("; ", failures)}");
        }
        return Encoding.UTF8.GetBytes($"{{\"records\":{records.Count}}}");
    }

    private async Task HandleRecordAsync(CosEventRecord record, CancellationToken cancellationToken)
    {
        var eventName = record.Event?.EventName;
        if (eventName is not null && !eventName.StartsWith("cos:ObjectCreated:", StringComparison.Ordinal))
        {
            log.Debug("Ignoring COS event {EventName}", eventName);
            return;
        }
        var obj = Landed(record);
        // The trigger is unfiltered (serverless.yml): the job store's own writes and any upload that is not an export
        // end here, before a single request.
        if (obj.Key.StartsWith(settings.StatePrefix, StringComparison.Ordinal) || !ExportKeyShape.HasExportExtension(obj.Key))
        {
            log.Debug("Ignoring {ObjectKey}: not an exported file", obj.Key);
            return;
        }

        var entry = await paths.FindAsync(obj.Bucket, obj.Key, cancellationToken).ConfigureAwait(false);
        var result = entry is null ? null : await store.AppendAsync(entry.JobId, null, j =>
            j.Images.Any(i => i.Files.Any(f => f.Key == obj.Key && f.State == FileStates.Pending))
                ? new JobEvent { Type = JobEventTypes.FilesLanded, At = time.GetUtcNow(), Files = [new LandedFile(obj.Key, obj.Size)] }
                : null,
            cancellationToken).ConfigureAwait(false);

        if (result?.Job is { } job)
        {
            var jobLog = log.ForContext("JobId", job.JobId);
            if (result.Written is not null)
            {
                jobLog.Information("Job {JobId}: {ObjectKey} landed ({Size} bytes); job {JobState}", job.JobId, obj.Key, obj.Size, job.State);
            }

            await announcer.AnnounceAsync(job, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (ExportKeyShape.Match(obj.Key) is null)
        {
            return;
        }
        // Only the buckets this deployment watches: an event from any other bucket is a misrouted or forged trigger,
        // and announcing it would let whoever can write there send our notifications.
        if (obj.Bucket != settings.DefaultBucket && obj.Bucket != settings.StateBucket)
        {
            log.Warning("Ignoring {ObjectKey}: bucket {Bucket} is not one this deployment exports to", obj.Key, obj.Bucket);
            return;
        }
        await unknown.AnnounceAsync(obj.Bucket, obj.Key, obj.Size, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="FormatException">The record lacks the bucket or key, or the key has another shape.</exception>
    private static (string Bucket, string Key, long Size) Landed(CosEventRecord record)
    {
        var bucket = record.GetBucketName() ?? throw new FormatException("the record has no cos.cosBucket name and appid");
        var rawKey = record.Cos?.CosObject?.Key;
        if (string.IsNullOrEmpty(rawKey))
        {
            throw new FormatException("the record has no cos.cosObject.key");
        }

        var key = record.GetObjectKey() ?? throw new FormatException($"cos.cosObject.key '{rawKey}' is not /<appid>/<bucket>/<object key>");
        return (bucket, key, record.Cos!.CosObject!.Size);
    }
}
