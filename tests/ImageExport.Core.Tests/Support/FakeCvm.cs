using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Tests.Support;

/// <summary>
/// A scriptable CVM: a catalog for DescribeImages, and ExportImages that checks what CVM checks, starts an export
/// (the image is busy until <see cref="Finish"/> writes its files into the fake COS), and can be told to fail.
/// </summary>
internal sealed class FakeCvm(FakeCos cos) : ICvmApi
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Script>> _scripts = new(StringComparer.Ordinal);
    private ulong _nextTask = 1000;

    public List<CvmImage> Catalog { get; } = [];

    /// <summary>Buckets the exporting role may not write.</summary>
    public HashSet<string> DeniedBuckets { get; } = [];

    /// <summary>Tencent's limit of running export tasks.</summary>
    public int TaskLimit { get; set; } = 100;

    /// <summary>Every real (not dry-run) ExportImages call, in order.</summary>
    public List<ExportImagesRequest> ExportCalls { get; } = [];

    public List<ExportImagesRequest> DryRunCalls { get; } = [];

    public int DescribeCalls { get; private set; }

    /// <summary>DescribeImages fails with this code while set.</summary>
    public string? DescribeFailsWith { get; set; }

    public int RunningCount
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    public enum Script
    {
        /// <summary>The export starts, then the caller loses the answer.</summary>
        UnknownAfterStart,
        /// <summary>The request never reached CVM, but the caller cannot tell.</summary>
        UnknownBeforeStart,
    }

    /// <summary>The next real ExportImages call for this image behaves as scripted.</summary>
    public void ScriptNext(string imageId, Script script)
    {
        lock (_gate)
        {
            if (!_scripts.TryGetValue(imageId, out var queue))
            {
                _scripts[imageId] = queue = new Queue<Script>();
            }

            queue.Enqueue(script);
        }
    }

    /// <summary>Throws this error for every call (dry runs included) of this image.</summary>
    public Dictionary<string, string> FailWith { get; } = new(StringComparer.Ordinal);

    /// <summary>Throws this error for real (not dry-run) calls of this image.</summary>
    public Dictionary<string, string> FailRealCallWith { get; } = new(StringComparer.Ordinal);

    /// <summary>Awaited before each DescribeImages is answered, to hold it until something else has happened.</summary>
    public Func<Task>? BeforeDescribe { get; set; }

    public async Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (BeforeDescribe is { } hold)
        {
            await hold();
        }

        lock (_gate)
        {
            DescribeCalls++;
            if (DescribeFailsWith is { } failure)
            {
                throw Error(failure);
            }

            if (request.ImageIds is not null && request.Filters is not null)
            {
                throw new TencentCloudException("InvalidParameter.InvalidParameterCoexistImageIdsFilters", "ImageIds and Filters together", "req-cvm");
            }

            if (request.Limit > 100)
            {
                throw new TencentCloudException("InvalidParameterValue.InvalidParameterValueLimit", "Limit", "req-cvm");
            }

            IEnumerable<CvmImage> images = Catalog;
            if (request.ImageIds is not null)
            {
                images = images.Where(i => request.ImageIds.Contains(i.ImageId));
            }

            foreach (var filter in request.Filters ?? [])
            {
                if (filter.Name == "image-type")
                {
                    images = images.Where(i => filter.Values.Contains(i.ImageType ?? ""));
                }
                // DescribeImages' "tag:<key>": the image has that tag with one of the values.
                if (filter.Name.StartsWith("tag:", StringComparison.Ordinal))
                {
                    images = images.Where(i => i.Tags.Any(t => t.Key == filter.Name[4..] && filter.Values.Contains(t.Value ?? "")));
                }
            }
            var all = images.ToList();
            var page = all.Skip((int)(request.Offset ?? 0)).Take((int)(request.Limit ?? 20)).ToList();
            return new DescribeImagesResponse { TotalCount = all.Count, ImageSet = page, RequestId = "req-cvm" };
        }
    }

    public async Task<ExportImagesResponse> ExportImagesAsync(ExportImagesRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_gate)
        {
            if (request.ImageIds.Count != 1)
            {
                throw new InvalidOperationException("the workflow exports one image per call");
            }

            var imageId = request.ImageIds[0];
            (request.DryRun == true ? DryRunCalls : ExportCalls).Add(request);

            if (FailWith.TryGetValue(imageId, out var code))
            {
                throw Error(code);
            }

            var image = Catalog.FirstOrDefault(i => i.ImageId == imageId) ?? throw Error("InvalidImageId.NotFound");
            if (image.ImageType != "PRIVATE_IMAGE")
            {
                throw Error("UnsupportedOperation.PublicImageExportUnsupported");
            }

            if ((image.Platform ?? "").Contains("Windows", StringComparison.OrdinalIgnoreCase))
            {
                throw Error("UnsupportedOperation.WindowsImageExportUnsupported");
            }

            if (DeniedBuckets.Contains(request.BucketName))
            {
                throw Error("InvalidParameterValue.InvalidBucketPermissionForExport");
            }

            if (_running.ContainsKey(imageId))
            {
                throw Error("InvalidParameterValue.InvalidImageState");
            }

            if (request.DryRun == true)
            {
                return new ExportImagesResponse { RequestId = "req-cvm" };
            }

            if (FailRealCallWith.TryGetValue(imageId, out var realCode))
            {
                throw Error(realCode);
            }

            var script = _scripts.TryGetValue(imageId, out var queue) && queue.Count > 0 ? queue.Dequeue() : (Script?)null;
            if (script == Script.UnknownBeforeStart)
            {
                throw Unknown();
            }

            if (_running.Count >= TaskLimit)
            {
                throw Error("LimitExceeded.ExportImageTaskLimitExceeded");
            }

            var format = (request.ExportFormat ?? "RAW").ToLowerInvariant();
            var prefix = request.FileNamePrefixList?[0];
            var disks = image.SnapshotSet.Where(s => request.OnlyExportRootDisk != true || s.DiskUsage == "SYSTEM_DISK").ToList();
            var paths = disks.Select(d => $"/{prefix}_{imageId}_{(d.DiskUsage == "SYSTEM_DISK" ? "system" : "data")}_{d.SnapshotId}.{format}").ToList();
            _running[imageId] = new Running(request.BucketName, paths, disks.Select(d => d.DiskSize << 30).ToList());
            if (script == Script.UnknownAfterStart)
            {
                throw Unknown();
            }

            return new ExportImagesResponse { TaskId = _nextTask++, CosPaths = paths, RequestId = "req-cvm" };
        }
    }

    /// <summary>The export of this image ends: its files appear in the bucket (no COS event is sent).</summary>
    public IReadOnlyList<(string Key, long Size)> Finish(string imageId)
    {
        Running export;
        lock (_gate)
        {
            export = _running[imageId];
            _running.Remove(imageId);
        }
        var files = export.Paths.Select((p, i) => (Key: p.TrimStart('/'), Size: export.Sizes[i])).ToList();
        foreach (var (key, size) in files)
        {
            cos.Write(export.Bucket, key, size);
        }

        return files;
    }

    public bool IsExporting(string imageId)
    {
        lock (_gate)
        {
            return _running.ContainsKey(imageId);
        }
    }

    private static TencentCloudException Error(string code) => new(code, $"fake CVM: {code}", "req-cvm");

    private static TencentCloudOutcomeUnknownException Unknown() =>
        new("ExportImages", new HttpRequestException("connection reset after the request was sent"));

    private sealed record Running(string Bucket, IReadOnlyList<string> Paths, IReadOnlyList<long> Sizes);
}
