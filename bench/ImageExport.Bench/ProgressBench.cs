using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Core;
using ImageExport.Core.Configuration;
using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Scf.Runtime;
using ImageExport.TencentCloud;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Bench;

/// <summary>
/// The cost of progress sampling: a poll tick over N active jobs of which 1 %, 10 % or 100 % are exporting (each
/// writing its disk as a multipart upload of a few parts), the rest queued behind the cap. The poll runs in this
/// process against the emulator over HTTP; every COS request it makes is counted by operation. Each job is a clone of
/// one the real start function recorded and the real poll looked at once; the functions' clock stands still, so no job
/// becomes due for its file check and the tick shows sampling alone (plus the tick's fixed listings).
/// </summary>
internal sealed class ProgressBench(Events events, string work)
{
    private const string StatePrefix = ".image-export/";
    private const long GiB = 1L << 30;

    public async Task RunAsync(IReadOnlyList<int> sizes, IReadOnlyList<int> percents, Report report)
    {
        foreach (var size in sizes)
        {
            foreach (var percent in percents)
            {
                report.ProgressTick(await MeasureAsync(size, percent));
            }
        }
    }

    private async Task<ProgressTick> MeasureAsync(int active, int percent)
    {
        var exporting = Math.Max(1, active * percent / 100);
        var state = Path.Combine(work, $"progress-{active}-{percent}");
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            StateDirectory = state,
            Images = Catalog.Images(2),
            ExportSecondsPerGib = 1_000_000, // nothing lands during the bench
            RunningExportLimit = 1_000_000,
        }, CancellationToken.None);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var settings = new TencentCloudSettings { Region = host.Region, AppId = host.AppId, CosEndpoint = host.CosEndpoint, CvmEndpoint = host.CvmEndpoint };
        var clients = new TencentCloudClientFactory(http, new Fixed(host.Credentials), settings, TimeProvider.System, Serilog.Core.Logger.None);
        var cos = new CountingCos(clients.CreateCos());
        var clock = new StillClock(DateTimeOffset.UtcNow);
        var env = new Dictionary<string, string>
        {
            ["TENCENTCLOUD_REGION"] = host.Region,
            ["TENCENTCLOUD_APPID"] = host.AppId,
            ["IMAGEEXPORT_API_TOKENS"] = Env.Token,
            ["IMAGEEXPORT_DEFAULT_BUCKET"] = host.DefaultBucket,
            ["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "1",
        };
        var dependencies = new ImageExportDependencies(clients.CreateCvm(), cos, [], ImageExportSettings.FromEnvironment(env.GetValueOrDefault), clock, Serilog.Core.Logger.None);
        var start = ImageExportFunctions.Create(ImageExportFunctions.Start, dependencies);
        var poll = ImageExportFunctions.Create(ImageExportFunctions.Poll, dependencies);

        var bucket = host.DefaultBucket;
        var (exportingJob, _) = Events.Accepted(await start.HandleAsync(events.StartExport("img-bn000000", bucket), Context(clock), CancellationToken.None));
        var (queuedJob, _) = Events.Accepted(await start.HandleAsync(events.StartExport("img-bn000001", bucket), Context(clock), CancellationToken.None));
        await poll.HandleAsync(events.Timer, Context(clock), CancellationToken.None); // each job's first look
        var uploadKey = host.Cos.Storage.ListMultipartUploads(bucket, exportingJob).Single().Key;
        AddParts(host, bucket, uploadKey, 3);

        var exportingTemplate = await TemplateAsync(host, bucket, exportingJob);
        var queuedTemplate = await TemplateAsync(host, bucket, queuedJob);
        var clones = await SeedAsync(host, bucket, exportingTemplate, exportingJob, exporting - 1);
        foreach (var clone in clones)
        {
            AddParts(host, bucket, uploadKey.Replace(exportingJob, clone, StringComparison.Ordinal), 3);
        }

        await SeedAsync(host, bucket, queuedTemplate, queuedJob, active - exporting - 1);

        var first = await TickAsync(poll, cos, clock);
        clock.Advance(TimeSpan.FromSeconds(30));
        foreach (var id in clones.Append(exportingJob))
        {
            AddParts(host, bucket, uploadKey.Replace(exportingJob, id, StringComparison.Ordinal), 1);
        }

        var second = await TickAsync(poll, cos, clock);
        Console.Error.WriteLine($"progress tick over {active} active job(s), {exporting} exporting: first {first.Total} requests, then {second.Total} ({second.Ms:F0} ms)");
        return new ProgressTick(active, exporting, first, second);
    }

    private static async Task<TickCount> TickAsync(IFunctionHandler poll, CountingCos cos, StillClock clock)
    {
        cos.Reset();
        var sent = Stopwatch.GetTimestamp();
        var answer = await poll.HandleAsync(Encoding.UTF8.GetBytes("{\"Type\":\"Timer\",\"TriggerName\":\"poll\",\"Time\":\"2026-11-26T10:00:00Z\",\"Message\":\"\"}"), Context(clock), CancellationToken.None);
        var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        var sampled = JsonNode.Parse(answer)!["sampled"]?.GetValue<int>() ?? 0;
        return new TickCount(cos.Snapshot(), sampled, ms);
    }

    // The functions' clock stands still, so a generous deadline is never reached: the counts are those of a whole tick.
    private static InvocationContext Context(TimeProvider clock) => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        TimeLimit = TimeSpan.FromSeconds(120),
        Deadline = clock.GetUtcNow() + TimeSpan.FromMinutes(30),
    };

    private static void AddParts(EmulatorHost host, string bucket, string key, int count)
    {
        var upload = host.Cos.Storage.ListMultipartUploads(bucket, key).Single(u => u.Key == key);
        var done = host.Cos.Storage.ListParts(bucket, key, upload.UploadId).Parts.Count;
        for (var n = 1; n <= count; n++)
        {
            host.Cos.AddExportPart(bucket, key, upload.UploadId, done + n, GiB);
        }
    }

    private static async Task<List<(string Key, byte[] Content)>> TemplateAsync(EmulatorHost host, string bucket, string jobId)
    {
        var objects = new List<(string, byte[])>();
        foreach (var under in new[] { "jobs/" + jobId + "/", "active/" + jobId, "index/" })
        {
            foreach (var o in host.Cos.Storage.List(bucket, StatePrefix + under, "", 1000, "").Contents.Where(o => o.Key.Contains(jobId, StringComparison.Ordinal)))
            {
                var (_, content) = host.Cos.Storage.OpenObject(bucket, o.Key);
                await using (content)
                {
                    using var copy = new MemoryStream();
                    await content.CopyToAsync(copy);
                    objects.Add((o.Key, copy.ToArray()));
                }
            }
        }
        return objects;
    }

    /// <summary>Writes <paramref name="count"/> clones of the template job straight into the emulator's storage; their IDs.</summary>
    private static async Task<List<string>> SeedAsync(EmulatorHost host, string bucket, List<(string Key, byte[] Content)> template, string templateId, int count)
    {
        var stamp = templateId[..20]; // "exp-<yyyyMMdd>t<HHmmss>-"
        var ids = Enumerable.Range(0, Math.Max(0, count)).Select(_ => stamp + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))).Distinct().ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            foreach (var (key, content) in template)
            {
                var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace(templateId, id, StringComparison.Ordinal));
                await host.Cos.Storage.PutObjectAsync(bucket, key.Replace(templateId, id, StringComparison.Ordinal), new MemoryStream(body), "application/json",
                    new Dictionary<string, string>(), forbidOverwrite: true, null, ct);
            }
        });
        if (template.Any(t => t.Key.Contains("/jobs/", StringComparison.Ordinal)) && host.Cos.Storage.ListMultipartUploads(bucket, templateId).SingleOrDefault() is { } upload)
        {
            foreach (var id in ids)
            {
                host.Cos.BeginExportUpload(bucket, upload.Key.Replace(templateId, id, StringComparison.Ordinal));
            }
        }
        return ids;
    }

    private sealed class StillClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class Fixed(TencentCredentials credentials) : ICredentialsProvider
    {
        public TencentCredentials GetCredentials() => credentials;
    }

    /// <summary>Counts every COS request the functions make, by operation.</summary>
    private sealed class CountingCos(ICosApi inner) : ICosApi
    {
        private ConcurrentDictionary<string, int> _counts = new();

        public void Reset() => _counts = new ConcurrentDictionary<string, int>();

        public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts);

        private void Count(string operation) => _counts.AddOrUpdate(operation, 1, (_, n) => n + 1);

        public Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, CancellationToken cancellationToken)
        {
            Count("PutObject");
            return inner.PutObjectAsync(bucket, key, content, contentType, forbidOverwrite, cancellationToken);
        }

        public Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
        {
            Count("PutObject");
            return inner.PutObjectAsync(bucket, key, content, contentType, forbidOverwrite, metadata, cancellationToken);
        }

        public Task<CosObject?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken)
        {
            Count("GetObject");
            return inner.GetObjectAsync(bucket, key, cancellationToken);
        }

        public Task<CosObjectInfo?> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken)
        {
            Count("HeadObject");
            return inner.HeadObjectAsync(bucket, key, cancellationToken);
        }

        public Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken)
        {
            Count("DeleteObject");
            return inner.DeleteObjectAsync(bucket, key, cancellationToken);
        }

        public Task<string?> GetBucketVersioningAsync(string bucket, CancellationToken cancellationToken)
        {
            Count("GetBucketVersioning");
            return inner.GetBucketVersioningAsync(bucket, cancellationToken);
        }

        public Task<CosDeleteResult> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            Count("DeleteMultipleObjects");
            return inner.DeleteObjectsAsync(bucket, keys, cancellationToken);
        }

        public Task<CosListPage> ListObjectsAsync(string bucket, string? prefix, string? marker, int maxKeys, CancellationToken cancellationToken)
        {
            Count("GetBucket");
            return inner.ListObjectsAsync(bucket, prefix, marker, maxKeys, cancellationToken);
        }

        public Task<CosUploadPage> ListMultipartUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken)
        {
            Count("ListMultipartUploads");
            return inner.ListMultipartUploadsAsync(bucket, prefix, keyMarker, uploadIdMarker, maxUploads, cancellationToken);
        }

        public Task<CosPartPage?> ListPartsAsync(string bucket, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken)
        {
            Count("ListParts");
            return inner.ListPartsAsync(bucket, key, uploadId, partNumberMarker, maxParts, cancellationToken);
        }

        public Task<CosBucketInfo?> HeadBucketAsync(string bucket, CancellationToken cancellationToken)
        {
            Count("HeadBucket");
            return inner.HeadBucketAsync(bucket, cancellationToken);
        }

        public CosPresignedUrl PresignGetObject(string bucket, string key, TimeSpan lifetime) => inner.PresignGetObject(bucket, key, lifetime);
    }
}

internal sealed record TickCount(IReadOnlyDictionary<string, int> ByOperation, int Sampled, double Ms)
{
    public int Total => ByOperation.Values.Sum();

    public int Of(string operation) => ByOperation.GetValueOrDefault(operation);
}

internal sealed record ProgressTick(int Active, int Exporting, TickCount First, TickCount Steady);
