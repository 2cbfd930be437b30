using System.Collections.Concurrent;
using ImageExport.Local.Emulator.Cos;
using ImageExport.TencentCloud.Signing;

namespace ImageExport.Local.Emulator.Cvm;

/// <summary>
/// Running exports: which images are exporting (each counts against the running-export limit until its last file
/// lands), and the background work that lands each file in the bucket after its simulated duration.
/// </summary>
internal sealed class ExportTasks : IAsyncDisposable
{
    private static readonly TimeSpan MinimumPerFile = TimeSpan.FromMilliseconds(50);

    private readonly string _directory;
    private readonly EmulatedCos _cos;
    private readonly EmulatorCounters _counters;
    private readonly EmulatorOptions _options;
    private readonly Serilog.ILogger _log;
    private readonly Dictionary<string, long> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Task> _landings = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly (string SecretId, string SecretKey) _writerKey = ("AKID" + EmulatorCredentials.RandomText(32), EmulatorCredentials.RandomText(32));
    private long _nextTaskId;

    public ExportTasks(string stateDirectory, EmulatedCos cos, EmulatorCounters counters, EmulatorOptions options)
    {
        _directory = Path.Combine(stateDirectory, "cvm", "tasks");
        _cos = cos;
        _counters = counters;
        _options = options;
        _log = options.Logger.ForContext<ExportTasks>();
        Directory.CreateDirectory(_directory);
        _nextTaskId = StateFiles.Read(CounterPath, EmulatorJsonContext.Default.TaskCounterFile)?.NextTaskId ?? 100_001;
    }

    public int RunningCount
    {
        get
        {
            lock (_running)
            {
                return _running.Count;
            }
        }
    }

    private string CounterPath => Path.Combine(Path.GetDirectoryName(_directory)!, "next-task-id.json");

    /// <summary>Picks up tasks a previous run accepted but did not finish; their images count as exporting again.</summary>
    public void ResumePending()
    {
        foreach (var path in Directory.EnumerateFiles(_directory, "*.json"))
        {
            var task = StateFiles.Read(path, EmulatorJsonContext.Default.ExportTaskFile);
            if (task is null)
            {
                continue;
            }

            lock (_running)
            {
                foreach (var image in task.Images.Where(i => !i.Done))
                {
                    _running[image.ImageId] = task.TaskId;
                }
            }

            _log.Information("Resuming export task {TaskId}", task.TaskId);
            Launch(task);
        }
    }

    /// <summary>Starts exporting, or throws the CVM error for a busy image, a DryRun, or the running-export limit.</summary>
    public long Start(string bucket, IReadOnlyList<PlannedImage> images, bool dryRun)
    {
        ExportTaskFile task;
        lock (_running)
        {
            foreach (var image in images)
            {
                if (_running.ContainsKey(image.ImageId))
                {
                    throw new CvmApiException("InvalidParameterValue.InvalidImageState", $"{image.ImageId} is being exported; retry when that export has finished.");
                }
            }

            if (dryRun)
            {
                throw new CvmApiException("DryRunOperation", "DryRun Operation. It means that the request would have succeeded, but the DryRun parameter was used.");
            }

            if (_running.Count + images.Count > _options.RunningExportLimit)
            {
                throw new CvmApiException(
                    "LimitExceeded.ExportImageTaskLimitExceeded",
                    $"The number of running image export tasks has reached the limit ({_options.RunningExportLimit}); wait for running tasks to finish, then retry.");
            }

            task = NewTask(bucket, images);
            StateFiles.Write(TaskPath(task.TaskId), task, EmulatorJsonContext.Default.ExportTaskFile);
            foreach (var image in images)
            {
                _running[image.ImageId] = task.TaskId;
                _counters.ExportStarted(image.ImageId);
            }
        }

        _log.Information("Export task {TaskId} started for {ImageIds} into {Bucket}", task.TaskId, images.Select(i => i.ImageId), bucket);
        Launch(task);
        return task.TaskId;
    }

    /// <summary>Completes when every export started so far has landed or failed (for tests).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_landings.Values);

    public async ValueTask DisposeAsync()
    {
        // Unfinished tasks stay on disk and resume on the next start, as a real export would go on without us.
        await _stopping.CancelAsync();
        await Task.WhenAll(_landings.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private ExportTaskFile NewTask(string bucket, IReadOnlyList<PlannedImage> images)
    {
        var task = new ExportTaskFile { TaskId = _nextTaskId++, Bucket = bucket };
        StateFiles.Write(CounterPath, new TaskCounterFile { NextTaskId = _nextTaskId }, EmulatorJsonContext.Default.TaskCounterFile);
        var now = _options.TimeProvider.GetUtcNow();
        foreach (var image in images)
        {
            var due = now;
            var entry = new ExportTaskImage { ImageId = image.ImageId };
            foreach (var file in image.Files)
            {
                var duration = TimeSpan.FromSeconds(file.SizeGib * _options.ExportSecondsPerGib);
                var start = due;
                due += duration < MinimumPerFile ? MinimumPerFile : duration;
                entry.Files.Add(new ExportTaskObject { Key = file.Key, Bytes = ExportedBytes(file), StartAt = start, DueAt = due });
            }

            task.Images.Add(entry);
        }

        return task;
    }

    private void Launch(ExportTaskFile task)
    {
        _landings[task.TaskId] = Task.Run(async () =>
        {
            await Task.WhenAll(task.Images.Where(i => !i.Done).Select(image => LandAsync(task, image)));
            if (!_stopping.IsCancellationRequested)
            {
                File.Delete(TaskPath(task.TaskId));
                _landings.TryRemove(task.TaskId, out _);
            }
        });
    }

    private async Task LandAsync(ExportTaskFile task, ExportTaskImage image)
    {
        var time = _options.TimeProvider;
        try
        {
            foreach (var file in image.Files.Where(f => !f.Landed))
            {
                if (!await WriteAsync(task, file))
                {
                    image.Failed = true;
                    Save(task);
                    _log.Warning("Export of {ImageId} (task {TaskId}) aborted (fault plan); {Key} will not land", image.ImageId, task.TaskId, file.Key);
                    break;
                }

                file.Landed = true;
                Save(task);
            }

            if (!image.Failed)
            {
                _log.Information("Export of {ImageId} (task {TaskId}) landed {Count} file(s)", image.ImageId, task.TaskId, image.Files.Count);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // A real export that cannot write simply never lands; the workflow has to notice by timing out.
            _log.Error(e, "Export of {ImageId} (task {TaskId}) failed; its remaining files will not land", image.ImageId, task.TaskId);
            image.Failed = true;
            Save(task);
        }

        lock (_running)
        {
            _running.Remove(image.ImageId);
        }
    }

    /// <summary>
    /// Writes one file the way a large export must be written: a multipart upload begun when the file's turn comes,
    /// parts added evenly until its due time (the configured speed), then completed. False: aborted by the fault plan.
    /// </summary>
    private async Task<bool> WriteAsync(ExportTaskFile task, ExportTaskObject file)
    {
        var time = _options.TimeProvider;
        var faults = _options.Faults?.Exports ?? Faults.ExportFaults.None;
        var start = file.StartAt == default ? file.DueAt : file.StartAt;
        await DelayUntilAsync(start);
        if (file.UploadId is null)
        {
            file.UploadId = _cos.BeginExportUpload(task.Bucket, file.Key).UploadId;
            file.PartsDone = 0;
            Save(task);
        }

        var partSize = EmulatedCos.ExportPartSize(file.Bytes);
        var partCount = (int)Math.Max(1, (file.Bytes + partSize - 1) / partSize);
        var shift = TimeSpan.Zero;
        var stalled = false;
        for (var part = file.PartsDone + 1; part <= partCount; part++)
        {
            var written = (double)(part - 1) / partCount;
            if (faults.AbortAt is { } abortAt && written >= abortAt)
            {
                _cos.Storage.AbortMultipartUpload(task.Bucket, file.Key, file.UploadId);
                return false;
            }

            if (!stalled && faults.StallAt is { } stallAt && written >= stallAt)
            {
                stalled = true;
                _log.Warning("Export writing {Key} stalls after {Parts} of {Count} part(s) (fault plan){Resume}", file.Key, part - 1, partCount,
                    faults.StallSeconds is { } s ? $"; resumes in {s} s" : "; it never resumes");
                if (faults.StallSeconds is not { } seconds)
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, time, _stopping.Token);
                }
                else
                {
                    shift = TimeSpan.FromSeconds(seconds);
                    await Task.Delay(shift, time, _stopping.Token);
                }
            }

            await DelayUntilAsync(start + shift + (file.DueAt - start) * part / partCount);
            var size = part < partCount ? partSize : file.Bytes - partSize * (partCount - 1);
            _cos.AddExportPart(task.Bucket, file.Key, file.UploadId, part, size);
            file.PartsDone = part;
            Save(task);
        }

        await _cos.CompleteExportAsync(task.Bucket, file.Key, file.UploadId, Origin(file.Key), _stopping.Token);
        return true;
    }

    private async Task DelayUntilAsync(DateTimeOffset at)
    {
        var wait = at - _options.TimeProvider.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _options.TimeProvider, _stopping.Token);
        }
    }

    // A fixed VHD is the disk plus a 512-byte footer (Microsoft's VHD format specification); that CVM writes fixed VHDs is a guess.
    private static long ExportedBytes(PlannedFile file) =>
        (file.SizeGib << 30) + (file.Key.EndsWith(".vhd", StringComparison.OrdinalIgnoreCase) ? 512 : 0);

    private void Save(ExportTaskFile task)
    {
        lock (task)
        {
            StateFiles.Write(TaskPath(task.TaskId), task, EmulatorJsonContext.Default.ExportTaskFile);
        }
    }

    /// <summary>CVM writes with the export role's key; the event shows a signature in that shape.</summary>
    private CosRequestOrigin Origin(string key)
    {
        var now = _options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var signature = CosSigner.Sign(new CosSigningInput
        {
            SecretId = _writerKey.SecretId,
            SecretKey = _writerKey.SecretKey,
            HttpMethod = "post",
            Path = "/" + key,
            KeyTime = $"{now};{now + 3600}",
        });
        return new CosRequestOrigin(RequestIds.NewCos(), "127.0.0.1", signature.Authorization);
    }

    private string TaskPath(long taskId) => Path.Combine(_directory, $"{taskId}.json");
}
