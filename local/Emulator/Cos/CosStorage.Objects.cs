using System.Buffers;
using System.Security.Cryptography;

namespace ImageExport.Local.Emulator.Cos;

internal sealed record CosListing(IReadOnlyList<StoredObject> Contents, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? NextMarker);

internal sealed partial class CosStorage
{
    /// <summary>Stores the body as the object; with <paramref name="forbidOverwrite"/> an existing key is 409 FileAlreadyExists.</summary>
    public async Task<StoredObject> PutObjectAsync(
        string bucketName, string key, Stream content, string? contentType, IReadOnlyDictionary<string, string> meta,
        bool forbidOverwrite, byte[]? expectedMd5, CancellationToken cancellationToken)
    {
        var bucket = GetBucket(bucketName);
        if (forbidOverwrite)
        {
            // Checked again at commit; this only spares uploading a body that is bound to be refused.
            ThrowIfExists(bucket, key);
        }

        var temporary = bucket.NewTempPath();
        try
        {
            var (size, md5) = await WriteAndHashAsync(content, temporary, cancellationToken);
            if (expectedMd5 is not null && !md5.AsSpan().SequenceEqual(expectedMd5))
            {
                throw new CosErrorException(400, "BadDigest", "The Content-MD5 you specified did not match what was received.");
            }

            var stored = new StoredObject(key, size, Convert.ToHexStringLower(md5), Now(), contentType, meta);
            Commit(bucket, stored, temporary, forbidOverwrite);
            return stored;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public StoredObject HeadObject(string bucketName, string key)
    {
        var bucket = GetBucket(bucketName);
        lock (bucket.Gate)
        {
            return bucket.Objects.GetValueOrDefault(key) ?? throw CosErrorException.NoSuchKey();
        }
    }

    public (StoredObject Object, FileStream Content) OpenObject(string bucketName, string key)
    {
        var bucket = GetBucket(bucketName);
        lock (bucket.Gate)
        {
            var stored = bucket.Objects.GetValueOrDefault(key) ?? throw CosErrorException.NoSuchKey();
            var stream = new FileStream(
                ObjectPaths.Data(bucket.ObjectsDirectory, key), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                81920, useAsync: true);
            return (stored, stream);
        }
    }

    /// <summary>Deleting a key that does not exist succeeds, as in COS.</summary>
    public void DeleteObject(string bucketName, string key)
    {
        var bucket = GetBucket(bucketName);
        lock (bucket.Gate)
        {
            if (bucket.Objects.Remove(key))
            {
                File.Delete(ObjectPaths.Meta(bucket.ObjectsDirectory, key));
                File.Delete(ObjectPaths.Data(bucket.ObjectsDirectory, key));
            }
        }
    }

    /// <summary>GET Bucket: keys after <paramref name="marker"/> starting with <paramref name="prefix"/>, in byte order.</summary>
    public CosListing List(string bucketName, string prefix, string marker, int maxKeys, string delimiter)
    {
        var bucket = GetBucket(bucketName);
        var contents = new List<StoredObject>();
        var prefixes = new List<string>();
        string? last = null;
        var truncated = false;
        lock (bucket.Gate)
        {
            foreach (var (key, stored) in bucket.Objects)
            {
                if (marker.Length > 0 && string.CompareOrdinal(key, marker) <= 0)
                {
                    continue;
                }

                if (!key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    if (string.CompareOrdinal(key, prefix) > 0)
                    {
                        break;
                    }

                    continue;
                }

                string? commonPrefix = null;
                if (delimiter.Length > 0)
                {
                    var at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        commonPrefix = key[..(at + delimiter.Length)];
                        // A marker that is itself a common prefix already covered every key under it.
                        if (commonPrefix == last || commonPrefix == marker)
                        {
                            continue;
                        }
                    }
                }

                if (contents.Count + prefixes.Count >= maxKeys)
                {
                    truncated = true;
                    break;
                }

                if (commonPrefix is null)
                {
                    contents.Add(stored);
                    last = key;
                }
                else
                {
                    prefixes.Add(commonPrefix);
                    last = commonPrefix;
                }
            }
        }

        return new CosListing(contents, prefixes, truncated, truncated ? last : null);
    }

    private static void ThrowIfExists(CosBucket bucket, string key)
    {
        lock (bucket.Gate)
        {
            if (bucket.HonoursForbidOverwrite && bucket.Objects.ContainsKey(key))
            {
                throw CosErrorException.FileAlreadyExists();
            }
        }
    }

    /// <summary>Makes a fully written temporary file the object's content, atomically with the existence check.</summary>
    private static void Commit(CosBucket bucket, StoredObject stored, string temporaryData, bool forbidOverwrite)
    {
        lock (bucket.Gate)
        {
            if (forbidOverwrite && bucket.HonoursForbidOverwrite && bucket.Objects.ContainsKey(stored.Key))
            {
                throw CosErrorException.FileAlreadyExists();
            }

            var data = ObjectPaths.Data(bucket.ObjectsDirectory, stored.Key);
            Directory.CreateDirectory(Path.GetDirectoryName(data)!);
            File.Move(temporaryData, data, overwrite: true);
            StateFiles.Write(ObjectPaths.Meta(bucket.ObjectsDirectory, stored.Key), stored, EmulatorJsonContext.Default.StoredObject);
            bucket.Objects[stored.Key] = stored;
        }
    }

    private static async Task<(long Size, byte[] Md5)> WriteAndHashAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return (file.Length, md5.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
