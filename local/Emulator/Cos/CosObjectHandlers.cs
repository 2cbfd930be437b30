using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>PUT, GET, HEAD and DELETE Object.</summary>
internal sealed class CosObjectHandlers(EmulatedCos cos)
{
    private static readonly string[] ResponseOverrides =
        ["Content-Type", "Content-Language", "Expires", "Cache-Control", "Content-Disposition", "Content-Encoding"];

    public async Task PutAsync(CosCall call)
    {
        if (call.Request.Headers.ContainsKey("x-cos-copy-source"))
        {
            throw new CosErrorException(501, "NotImplemented", "PUT Object - Copy is not implemented by the emulator.");
        }

        var stored = await cos.PutObjectAsync(
            call.Bucket, call.Key, call.Request.Body, call.Request.ContentType, UserMeta(call.Request), ForbidOverwrite(call.Request),
            ContentMd5(call.Request), call.Origin, call.Aborted);
        call.Response.StatusCode = 200;
        call.Response.Headers.ETag = CosXml.Quoted(stored.ETag);
        call.Response.ContentLength = 0;
    }

    public async Task GetAsync(CosCall call, bool withBody)
    {
        if (!withBody)
        {
            var head = cos.Storage.HeadObject(call.Bucket, call.Key);
            WriteHeaders(call, head);
            call.Response.ContentLength = head.Size;
            return;
        }

        var (stored, content) = cos.Storage.OpenObject(call.Bucket, call.Key);
        await using (content)
        {
            WriteHeaders(call, stored);
            var (start, length) = (0L, stored.Size);
            if (RangeHeader.TryParse(call.Request.Headers.Range.ToString(), stored.Size, out var range))
            {
                if (range is null)
                {
                    call.Response.Headers.ContentRange = $"bytes */{stored.Size}";
                    throw new CosErrorException(416, "InvalidRange", "The requested range is not satisfiable.");
                }

                (start, length) = range.Value;
                call.Response.StatusCode = 206;
                call.Response.Headers.ContentRange = $"bytes {start}-{start + length - 1}/{stored.Size}";
            }

            foreach (var header in ResponseOverrides)
            {
                var value = call.Query("response-" + header.ToLowerInvariant());
                if (value is not null)
                {
                    call.Response.Headers[header] = value;
                }
            }

            call.Response.ContentLength = length;
            content.Seek(start, SeekOrigin.Begin);
            await CopyAsync(content, call.Response.Body, length, call.Aborted);
        }
    }

    public Task DeleteAsync(CosCall call)
    {
        cos.Storage.GetBucket(call.Bucket);
        cos.Storage.DeleteObject(call.Bucket, call.Key);
        call.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    internal static IReadOnlyDictionary<string, string> UserMeta(HttpRequest request) =>
        request.Headers
            .Where(h => h.Key.StartsWith("x-cos-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);

    internal static bool ForbidOverwrite(HttpRequest request) =>
        string.Equals(request.Headers["x-cos-forbid-overwrite"].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    internal static byte[]? ContentMd5(HttpRequest request)
    {
        var value = request.Headers["Content-MD5"].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new CosErrorException(400, "InvalidDigest", "The Content-MD5 you specified is not valid.");
        }
    }

    private static void WriteHeaders(CosCall call, StoredObject stored)
    {
        var headers = call.Response.Headers;
        call.Response.ContentType = stored.ContentType ?? "application/octet-stream";
        headers.ETag = CosXml.Quoted(stored.ETag);
        headers.LastModified = stored.LastModified.ToString("r", CultureInfo.InvariantCulture);
        headers.AcceptRanges = "bytes";
        headers["x-cos-storage-class"] = stored.StorageClass;
        foreach (var (name, value) in stored.Meta)
        {
            headers[name] = value;
        }
    }

    private static async Task CopyAsync(Stream source, Stream destination, long length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (length > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                length -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
