using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>Multipart upload: initiate, upload part, complete, abort, list parts, list uploads.</summary>
internal sealed class CosMultipartHandlers(EmulatedCos cos, string appId)
{
    public Task InitiateAsync(CosCall call)
    {
        cos.Storage.GetBucket(call.Bucket);
        var upload = cos.Storage.InitiateMultipartUpload(call.Bucket, call.Key, call.Request.ContentType, CosObjectHandlers.UserMeta(call.Request));
        return CosXml.WriteAsync(call.Response, 200, w =>
        {
            w.WriteStartElement("InitiateMultipartUploadResult");
            w.Element("Bucket", call.Bucket);
            w.Element("Key", call.Key);
            w.Element("UploadId", upload.UploadId);
            w.WriteEndElement();
        });
    }

    public async Task UploadPartAsync(CosCall call)
    {
        if (!int.TryParse(call.Query("partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber))
        {
            throw CosErrorException.InvalidArgument("partNumber must be an integer between 1 and 10000.");
        }

        var part = await cos.Storage.UploadPartAsync(
            call.Bucket, call.Key, call.Query("uploadId")!, partNumber, call.Request.Body, CosObjectHandlers.ContentMd5(call.Request), call.Aborted);
        call.Response.StatusCode = 200;
        call.Response.Headers.ETag = CosXml.Quoted(part.ETag);
        call.Response.ContentLength = 0;
    }

    public async Task CompleteAsync(CosCall call)
    {
        var parts = await ReadPartsAsync(call);
        var stored = await cos.CompleteMultipartUploadAsync(
            call.Bucket, call.Key, call.Query("uploadId")!, parts, CosObjectHandlers.ForbidOverwrite(call.Request), call.Origin, call.Aborted);
        await CosXml.WriteAsync(call.Response, 200, w =>
        {
            w.WriteStartElement("CompleteMultipartUploadResult");
            w.Element("Location", $"{call.Request.Host}/{call.Bucket}/{call.Key}");
            w.Element("Bucket", call.Bucket);
            w.Element("Key", call.Key);
            w.Element("ETag", CosXml.Quoted(stored.ETag));
            w.WriteEndElement();
        });
    }

    public Task AbortAsync(CosCall call)
    {
        cos.Storage.AbortMultipartUpload(call.Bucket, call.Key, call.Query("uploadId")!);
        call.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    public Task ListPartsAsync(CosCall call)
    {
        var (upload, parts) = cos.Storage.ListParts(call.Bucket, call.Key, call.Query("uploadId")!);
        var marker = ParseOptionalInt(call.Query("part-number-marker"), "part-number-marker") ?? 0;
        var maxParts = Math.Min(ParseOptionalInt(call.Query("max-parts"), "max-parts") ?? 1000, 1000);
        var page = parts.Where(p => p.PartNumber > marker).Take(maxParts + 1).ToList();
        var truncated = page.Count > maxParts;
        if (truncated)
        {
            page.RemoveAt(page.Count - 1);
        }

        return CosXml.WriteAsync(call.Response, 200, w =>
        {
            w.WriteStartElement("ListPartsResult");
            w.Element("Bucket", call.Bucket);
            w.Element("Encoding-type", "");
            w.Element("Key", upload.Key);
            w.Element("UploadId", upload.UploadId);
            w.Owner("Initiator", appId);
            w.Owner("Owner", appId);
            w.Element("PartNumberMarker", marker);
            w.Element("NextPartNumberMarker", page.Count > 0 ? page[^1].PartNumber : marker);
            w.Element("StorageClass", "STANDARD");
            w.Element("MaxParts", maxParts);
            w.Element("IsTruncated", truncated);
            foreach (var part in page)
            {
                w.WriteStartElement("Part");
                w.Element("PartNumber", part.PartNumber);
                w.Element("LastModified", part.LastModified);
                w.Element("ETag", CosXml.Quoted(part.ETag));
                w.Element("Size", part.Size);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
    }

    /// <summary>
    /// Open uploads under the prefix, by key then initiation time, a page at a time: after (<c>key-marker</c>,
    /// <c>upload-id-marker</c>), at most <c>max-uploads</c> (1,000 at most), with the next markers when truncated
    /// (tencentcloud.com/document/product/436/7736).
    /// </summary>
    public Task ListUploadsAsync(CosCall call)
    {
        var prefix = call.Query("prefix") ?? "";
        var keyMarker = call.Query("key-marker") ?? "";
        var uploadIdMarker = keyMarker.Length == 0 ? "" : call.Query("upload-id-marker") ?? "";
        var maxUploads = Math.Clamp(ParseOptionalInt(call.Query("max-uploads"), "max-uploads") ?? 1000, 1, 1000);
        var uploads = cos.Storage.ListMultipartUploads(call.Bucket, prefix).ToList();
        var after = keyMarker.Length == 0
            ? uploads
            : uploads.SkipWhile(u => string.CompareOrdinal(u.Key, keyMarker) < 0 ||
                                     (u.Key == keyMarker && (uploadIdMarker.Length == 0 || !Passed(uploads, u, uploadIdMarker)))).ToList();
        var page = after.Take(maxUploads).ToList();
        var truncated = after.Count > maxUploads;
        return CosXml.WriteAsync(call.Response, 200, w =>
        {
            w.WriteStartElement("ListMultipartUploadsResult");
            w.Element("Bucket", call.Bucket);
            w.Element("Encoding-Type", "");
            w.Element("KeyMarker", keyMarker);
            w.Element("UploadIdMarker", uploadIdMarker);
            w.Element("NextKeyMarker", truncated ? page[^1].Key : "");
            w.Element("NextUploadIdMarker", truncated ? page[^1].UploadId : "");
            w.Element("MaxUploads", maxUploads);
            w.Element("IsTruncated", truncated);
            w.Element("Prefix", prefix);
            w.Element("Delimiter", "");
            foreach (var upload in page)
            {
                w.WriteStartElement("Upload");
                w.Element("Key", upload.Key);
                w.Element("UploadId", upload.UploadId);
                w.Element("StorageClass", "STANDARD");
                w.Owner("Initiator", appId);
                w.Owner("Owner", appId);
                w.Element("Initiated", upload.Initiated);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
    }

    // Uploads of one key list in initiation order; the marker names the last one already returned.
    private static bool Passed(List<StoredUpload> uploads, StoredUpload upload, string uploadIdMarker)
    {
        var marker = uploads.FindIndex(u => u.Key == upload.Key && u.UploadId == uploadIdMarker);
        return marker >= 0 && uploads.IndexOf(upload) > marker;
    }

    private static async Task<IReadOnlyList<CompletedPart>> ReadPartsAsync(CosCall call)
    {
        XDocument document;
        try
        {
            document = await XDocument.LoadAsync(call.Request.Body, LoadOptions.None, call.Aborted);
        }
        catch (XmlException)
        {
            throw Malformed();
        }

        if (document.Root?.Name.LocalName != "CompleteMultipartUpload")
        {
            throw Malformed();
        }

        var parts = new List<CompletedPart>();
        foreach (var part in document.Root.Elements().Where(e => e.Name.LocalName == "Part"))
        {
            var number = part.Elements().FirstOrDefault(e => e.Name.LocalName == "PartNumber")?.Value;
            var etag = part.Elements().FirstOrDefault(e => e.Name.LocalName == "ETag")?.Value;
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber) || etag is null)
            {
                throw Malformed();
            }

            parts.Add(new CompletedPart(partNumber, etag));
        }

        return parts;
    }

    private static int? ParseOptionalInt(string? value, string name) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw CosErrorException.InvalidArgument($"{name} must be a non-negative integer.");

    private static CosErrorException Malformed() =>
        new(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.");
}
