using ImageExport.Core.Jobs;

namespace ImageExport.Core.Progress;

/// <summary>
/// Turns a fresh observation into the next record: bytes never go back (a new upload of a file is a restart, counted,
/// and the file keeps the most it ever had), the rate comes from successive samples of one upload (the first sample
/// of an upload uses its own part times), and a file without an open upload keeps what was last seen.
/// </summary>
internal static class ProgressMath
{
    public static ProgressRecord Advance(ProgressRecord? previous, JobRecord job, IReadOnlyDictionary<string, UploadSample> samples, DateTimeOffset now)
    {
        var files = new List<FileProgress>();
        foreach (var key in ProgressObserver.WantedKeys(job))
        {
            var before = previous?.File(key);
            var next = samples.TryGetValue(key, out var sample) ? Next(before, sample, now) : before;
            if (next is not null)
            {
                files.Add(next);
            }
        }
        return new ProgressRecord { JobId = job.JobId, SampledAt = now, Files = files };
    }

    private static FileProgress Next(FileProgress? before, UploadSample sample, DateTimeOffset now)
    {
        var sameUpload = before is not null && before.UploadId == sample.UploadId;
        var grew = !sameUpload || sample.Bytes > before!.UploadBytes;
        var started = sample.Initiated ?? now;
        var newest = sample.LastPartAt is { } part && part > started ? part : started;
        double? rate;
        if (sameUpload && grew)
        {
            var from = before!.LastPartAt ?? before.ObservedAt;
            var seconds = ((sample.LastPartAt ?? now) - from).TotalSeconds;
            rate = seconds > 0 ? (sample.Bytes - before.UploadBytes) / seconds : before.BytesPerSecond;
        }
        else if (sameUpload)
        {
            rate = before!.BytesPerSecond;
        }
        else
        {
            var seconds = sample.Initiated is { } initiated && sample.LastPartAt is { } last ? (last - initiated).TotalSeconds : 0;
            rate = seconds > 0 && sample.Bytes > 0 ? sample.Bytes / seconds : null;
        }

        return new FileProgress
        {
            Key = sample.Key,
            UploadId = sample.UploadId,
            Bytes = Math.Max(before?.Bytes ?? 0, sample.Bytes),
            UploadBytes = sample.Bytes,
            Parts = sample.Parts,
            LargestPart = sample.LargestPart,
            LastPartAt = sample.LastPartAt,
            BytesPerSecond = rate,
            LastProgressAt = grew ? (newest < now ? newest : now) : before!.LastProgressAt,
            Restarts = (before?.Restarts ?? 0) + (before is not null && !sameUpload ? 1 : 0),
            ObservedAt = now,
        };
    }
}
