using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// The emulated COS account's buckets and objects on disk under <c>&lt;state&gt;/cos/&lt;bucket&gt;/</c>: content and a
/// metadata sidecar per object, plus an in-memory index rebuilt at start, so a restart keeps everything.
/// </summary>
internal sealed partial class CosStorage
{
    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CosBucket> _buckets = new(StringComparer.Ordinal);

    public CosStorage(string stateDirectory, TimeProvider time)
    {
        _root = Path.Combine(stateDirectory, "cos");
        _time = time;
        Directory.CreateDirectory(_root);
        foreach (var directory in Directory.EnumerateDirectories(_root))
        {
            var settings = StateFiles.Read(Path.Combine(directory, "bucket.json"), EmulatorJsonContext.Default.StoredBucket);
            if (settings is not null)
            {
                _buckets[settings.Name] = Load(new CosBucket(settings, directory));
            }
        }
    }

    public IReadOnlyList<CosBucket> Buckets => [.. _buckets.Values.OrderBy(b => b.Name, StringComparer.Ordinal)];

    public CosBucket? FindBucket(string name) => _buckets.GetValueOrDefault(name);

    public CosBucket GetBucket(string name) => FindBucket(name) ?? throw CosErrorException.NoSuchBucket();

    /// <summary>
    /// COS bucket names: lower-case letters, digits and dashes, ending in <c>-&lt;appid&gt;</c> (COS bucket overview,
    /// 436/13312). The same page limits the whole domain <c>&lt;name&gt;-&lt;appid&gt;.cos.&lt;region&gt;.myqcloud.com</c> to
    /// 60 characters, yet Tencent's own deploy library creates <c>sls-cloudfunction-&lt;region&gt;-code-&lt;appid&gt;</c>
    /// (76 characters with ap-guangzhou), so the emulator does not refuse a longer name; ImageExport's own checks of an
    /// export bucket keep the documented limit.
    /// </summary>
    public static bool IsValidBucketName(string name) => BucketName().IsMatch(name);

    /// <summary>Creates the bucket; 409 BucketAlreadyExists when it exists.</summary>
    public CosBucket CreateBucket(string name, string region, IReadOnlyList<string> writerRoles) =>
        CreateBucket(new StoredBucket(name, region, writerRoles, Now()));

    private CosBucket CreateBucket(StoredBucket settings)
    {
        var bucket = new CosBucket(settings, Path.Combine(_root, settings.Name));
        lock (_buckets)
        {
            if (_buckets.ContainsKey(settings.Name))
            {
                throw new CosErrorException(409, "BucketAlreadyExists", "The requested bucket name is not available.");
            }

            StateFiles.Write(bucket.SettingsPath, settings, EmulatorJsonContext.Default.StoredBucket);
            _buckets[settings.Name] = bucket;
        }

        return bucket;
    }

    /// <summary>Creates the bucket, or brings an existing one's region and writer roles in line with the spec.</summary>
    public CosBucket EnsureBucket(BucketSpec spec)
    {
        lock (_buckets)
        {
            if (_buckets.TryGetValue(spec.Name, out var existing))
            {
                var updated = existing.Settings with { Region = spec.Region, WriterRoles = [.. spec.WriterRoles] };
                if (updated.Region != existing.Settings.Region || !updated.WriterRoles.SequenceEqual(existing.Settings.WriterRoles))
                {
                    StateFiles.Write(existing.SettingsPath, updated, EmulatorJsonContext.Default.StoredBucket);
                    existing.Settings = updated;
                }

                return existing;
            }

            return CreateBucket(new StoredBucket(spec.Name, spec.Region, [.. spec.WriterRoles], _time.GetUtcNow()));
        }
    }

    /// <summary>PUT Bucket versioning; once set, a bucket never returns to "never enabled".</summary>
    public void SetVersioning(string name, string status)
    {
        var bucket = GetBucket(name);
        lock (_buckets)
        {
            var updated = bucket.Settings with { Versioning = status };
            StateFiles.Write(bucket.SettingsPath, updated, EmulatorJsonContext.Default.StoredBucket);
            bucket.Settings = updated;
        }
    }

    private DateTimeOffset Now()
    {
        // COS reports times to the second; keeping sub-seconds would make HEAD and LIST disagree after a restart.
        var now = _time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    private static CosBucket Load(CosBucket bucket)
    {
        if (Directory.Exists(bucket.TempDirectory))
        {
            Directory.Delete(bucket.TempDirectory, recursive: true);
        }

        if (Directory.Exists(bucket.ObjectsDirectory))
        {
            foreach (var metaPath in Directory.EnumerateFiles(bucket.ObjectsDirectory, "*" + ObjectPaths.MetaSuffix, SearchOption.AllDirectories))
            {
                var stored = StateFiles.Read(metaPath, EmulatorJsonContext.Default.StoredObject);
                if (stored is not null && File.Exists(ObjectPaths.Data(bucket.ObjectsDirectory, stored.Key)))
                {
                    bucket.Objects[stored.Key] = stored;
                }
            }
        }

        if (Directory.Exists(bucket.UploadsDirectory))
        {
            foreach (var directory in Directory.EnumerateDirectories(bucket.UploadsDirectory))
            {
                var upload = StateFiles.Read(Path.Combine(directory, "upload.json"), EmulatorJsonContext.Default.StoredUpload);
                if (upload is null)
                {
                    continue;
                }

                var state = new MultipartUploadState(upload, directory);
                foreach (var partMeta in Directory.EnumerateFiles(directory, "part-*.json"))
                {
                    var part = StateFiles.Read(partMeta, EmulatorJsonContext.Default.StoredPart);
                    if (part is not null && File.Exists(state.PartPath(part.PartNumber)))
                    {
                        state.Parts[part.PartNumber] = part;
                    }
                }

                bucket.Uploads[upload.UploadId] = state;
            }
        }

        return bucket;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?-[0-9]+$")]
    private static partial Regex BucketName();
}
