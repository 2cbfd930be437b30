using System.Security.Cryptography;
using System.Text;

namespace ImageExport.Local.Emulator.Cos;

internal sealed record CompletedPart(int PartNumber, string ETag);

internal sealed partial class CosStorage
{
    public const int MaxPartNumber = 10000;
    public const long MinPartSize = 1L << 20;

    public StoredUpload InitiateMultipartUpload(string bucketName, string key, string? contentType, IReadOnlyDictionary<string, string> meta)
    {
        var bucket = GetBucket(bucketName);
        var now = Now();
        var upload = new StoredUpload(
            $"{now.ToUnixTimeSeconds()}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}", key, now, contentType, meta);
        var state = new MultipartUploadState(upload, Path.Combine(bucket.UploadsDirectory, upload.UploadId));
        StateFiles.Write(state.UploadPath, upload, EmulatorJsonContext.Default.StoredUpload);
        lock (bucket.Gate)
        {
            bucket.Uploads[upload.UploadId] = state;
        }

        return upload;
    }

    public async Task<StoredPart> UploadPartAsync(
        string bucketName, string key, string uploadId, int partNumber, Stream content, byte[]? expectedMd5, CancellationToken cancellationToken)
    {
        var (bucket, state) = FindUpload(bucketName, key, uploadId);
        CheckPartNumber(partNumber);
        var temporary = bucket.NewTempPath();
        try
        {
            var (size, md5) = await WriteAndHashAsync(content, temporary, cancellationToken);
            if (expectedMd5 is not null && !md5.AsSpan().SequenceEqual(expectedMd5))
            {
                throw new CosErrorException(400, "BadDigest", "The Content-MD5 you specified did not match what was received.");
            }

            return SavePart(bucket, state, new StoredPart(partNumber, size, Convert.ToHexStringLower(md5), Now(), Sparse: false), temporary);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A part of <paramref name="size"/> zero bytes that takes no disk (see <see cref="StoredPart"/>).</summary>
    public StoredPart UploadSparsePart(string bucketName, string key, string uploadId, int partNumber, long size)
    {
        var (bucket, state) = FindUpload(bucketName, key, uploadId);
        CheckPartNumber(partNumber);
        var temporary = bucket.NewTempPath();
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            file.SetLength(size);
        }

        // Hashing gigabytes of zeros would cost what sparseness saves; the ETag only has to be stable per size.
        var etag = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"sparse:{size}")));
        return SavePart(bucket, state, new StoredPart(partNumber, size, etag, Now(), Sparse: true), temporary);
    }

    public async Task<StoredObject> CompleteMultipartUploadAsync(
        string bucketName, string key, string uploadId, IReadOnlyList<CompletedPart> requested, bool forbidOverwrite,
        CancellationToken cancellationToken)
    {
        var (bucket, state) = FindUpload(bucketName, key, uploadId);
        var parts = CheckCompletion(bucket, state, requested);
        if (forbidOverwrite)
        {
            ThrowIfExists(bucket, state.Upload.Key);
        }

        var temporary = bucket.NewTempPath();
        try
        {
            var partHashes = new List<byte>();
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                foreach (var part in parts)
                {
                    if (part.Sparse)
                    {
                        output.SetLength(output.Length + part.Size);
                        output.Seek(0, SeekOrigin.End);
                    }
                    else
                    {
                        await using var input = File.OpenRead(state.PartPath(part.PartNumber));
                        await input.CopyToAsync(output, cancellationToken);
                    }

                    partHashes.AddRange(Convert.FromHexString(part.ETag));
                }
            }

            // COS and S3 report a multipart object's ETag as the MD5 of the parts' MD5s, then "-<part count>".
            var etag = $"{Convert.ToHexStringLower(MD5.HashData([.. partHashes]))}-{parts.Count}";
            var upload = state.Upload;
            var stored = new StoredObject(upload.Key, parts.Sum(p => p.Size), etag, Now(), upload.ContentType, upload.Meta);
            Commit(bucket, stored, temporary, forbidOverwrite);
            RemoveUpload(bucket, state);
            return stored;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public void AbortMultipartUpload(string bucketName, string key, string uploadId)
    {
        var (bucket, state) = FindUpload(bucketName, key, uploadId);
        RemoveUpload(bucket, state);
    }

    /// <summary>Open uploads whose key starts with <paramref name="prefix"/>, by key then initiation time.</summary>
    public IReadOnlyList<StoredUpload> ListMultipartUploads(string bucketName, string prefix)
    {
        var bucket = GetBucket(bucketName);
        lock (bucket.Gate)
        {
            return
            [
                .. bucket.Uploads.Values.Select(u => u.Upload)
                    .Where(u => u.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.Initiated),
            ];
        }
    }

    public (StoredUpload Upload, IReadOnlyList<StoredPart> Parts) ListParts(string bucketName, string key, string uploadId)
    {
        var (bucket, state) = FindUpload(bucketName, key, uploadId);
        lock (bucket.Gate)
        {
            return (state.Upload, [.. state.Parts.Values]);
        }
    }

    /// <summary>An upload ID only names an upload together with the key it was initiated for.</summary>
    private (CosBucket Bucket, MultipartUploadState State) FindUpload(string bucketName, string key, string uploadId)
    {
        var bucket = GetBucket(bucketName);
        lock (bucket.Gate)
        {
            var state = bucket.Uploads.GetValueOrDefault(uploadId);
            return state is not null && state.Upload.Key == key ? (bucket, state) : throw CosErrorException.NoSuchUpload();
        }
    }

    private static void CheckPartNumber(int partNumber)
    {
        if (partNumber is < 1 or > MaxPartNumber)
        {
            throw CosErrorException.InvalidArgument($"Part number must be an integer between 1 and {MaxPartNumber}, inclusive.");
        }
    }

    private static StoredPart SavePart(CosBucket bucket, MultipartUploadState state, StoredPart part, string temporary)
    {
        lock (bucket.Gate)
        {
            if (!bucket.Uploads.ContainsKey(state.Upload.UploadId))
            {
                throw CosErrorException.NoSuchUpload();
            }

            File.Move(temporary, state.PartPath(part.PartNumber), overwrite: true);
            StateFiles.Write(state.PartMetaPath(part.PartNumber), part, EmulatorJsonContext.Default.StoredPart);
            state.Parts[part.PartNumber] = part;
            return part;
        }
    }

    private static List<StoredPart> CheckCompletion(CosBucket bucket, MultipartUploadState state, IReadOnlyList<CompletedPart> requested)
    {
        if (requested.Count == 0)
        {
            throw new CosErrorException(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
        }

        var parts = new List<StoredPart>(requested.Count);
        lock (bucket.Gate)
        {
            for (var i = 0; i < requested.Count; i++)
            {
                if (i > 0 && requested[i].PartNumber <= requested[i - 1].PartNumber)
                {
                    throw new CosErrorException(400, "InvalidPartOrder", "The list of parts was not in ascending order.");
                }

                var stored = state.Parts.GetValueOrDefault(requested[i].PartNumber);
                if (stored is null || !string.Equals(stored.ETag, requested[i].ETag.Trim('"'), StringComparison.OrdinalIgnoreCase))
                {
                    throw new CosErrorException(400, "InvalidPart", "One or more of the specified parts could not be found or its entity tag did not match.");
                }

                parts.Add(stored);
            }
        }

        if (parts.SkipLast(1).Any(p => p.Size < MinPartSize))
        {
            throw new CosErrorException(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size (every part but the last must be at least 1 MB).");
        }

        return parts;
    }

    private static void RemoveUpload(CosBucket bucket, MultipartUploadState state)
    {
        lock (bucket.Gate)
        {
            bucket.Uploads.Remove(state.Upload.UploadId);
        }

        if (Directory.Exists(state.Directory))
        {
            Directory.Delete(state.Directory, recursive: true);
        }
    }
}
