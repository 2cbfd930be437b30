using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ImageExport.TencentCloud.Cos;

internal sealed record CosXmlError(string Code, string Message, string? RequestId);

/// <summary>COS's XML answers, read by element name (namespace-agnostic, no DTDs) with XDocument, which is AOT-safe.</summary>
internal static class CosXml
{
    public static bool TryParseError(byte[] body, [NotNullWhen(true)] out CosXmlError? error)
    {
        error = null;
        if (Load(body) is not { Root: { } root } || root.Name.LocalName != "Error")
        {
            return false;
        }

        var code = Child(root, "Code");
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        error = new CosXmlError(code, Child(root, "Message") ?? "", Child(root, "RequestId"));
        return true;
    }

    /// <summary>A <c>ListBucketResult</c>; when truncated without NextMarker, the next page starts after the last key.</summary>
    public static CosListPage ParseList(byte[] body)
    {
        if (Load(body) is not { Root: { } root } || root.Name.LocalName != "ListBucketResult")
        {
            throw new FormatException("The answer is not a ListBucketResult.");
        }

        var objects = root.Elements().Where(e => e.Name.LocalName == "Contents").Select(Object).ToList();
        var truncated = string.Equals(Child(root, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
        var nextMarker = Child(root, "NextMarker");
        if (truncated && string.IsNullOrEmpty(nextMarker))
        {
            nextMarker = objects.Count > 0 ? objects[^1].Key : null;
        }

        return new CosListPage(objects, truncated, truncated ? nextMarker : null);
    }

    /// <summary>
    /// A <c>VersioningConfiguration</c> (COS GET Bucket versioning, cloud.tencent.com/document/product/436/19888):
    /// its <c>Status</c>, <c>Enabled</c> or <c>Suspended</c>; null when the element is absent or empty, which is how COS
    /// answers for a bucket whose versioning was never enabled.
    /// </summary>
    public static string? ParseVersioning(byte[] body)
    {
        if (Load(body) is not { Root: { } root } || root.Name.LocalName != "VersioningConfiguration")
        {
            throw new FormatException("The answer is not a VersioningConfiguration.");
        }

        var status = Child(root, "Status")?.Trim();
        return string.IsNullOrEmpty(status) ? null : status;
    }

    /// <summary>A <c>ListMultipartUploadsResult</c>; when truncated without next markers, the next page starts after the last upload.</summary>
    public static CosUploadPage ParseUploads(byte[] body)
    {
        var root = Root(body, "ListMultipartUploadsResult");
        var uploads = root.Elements().Where(e => e.Name.LocalName == "Upload").Select(u => new CosUpload(
            Child(u, "Key") ?? throw new FormatException("An Upload element has no Key."),
            Child(u, "UploadId") ?? throw new FormatException("An Upload element has no UploadId."),
            Time(Child(u, "Initiated")))).ToList();
        var truncated = string.Equals(Child(root, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
        var nextKey = NullIfEmpty(Child(root, "NextKeyMarker")) ?? (truncated && uploads.Count > 0 ? uploads[^1].Key : null);
        var nextUpload = NullIfEmpty(Child(root, "NextUploadIdMarker")) ?? (truncated && uploads.Count > 0 ? uploads[^1].UploadId : null);
        return new CosUploadPage(uploads, truncated && nextKey is not null, truncated ? nextKey : null, truncated ? nextUpload : null);
    }

    /// <summary>A <c>ListPartsResult</c>.</summary>
    public static CosPartPage ParseParts(byte[] body)
    {
        var root = Root(body, "ListPartsResult");
        var parts = root.Elements().Where(e => e.Name.LocalName == "Part").Select(p => new CosPart(
            int.TryParse(Child(p, "PartNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw new FormatException("A Part has no PartNumber."),
            long.TryParse(Child(p, "Size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : throw new FormatException("A Part has no Size."),
            Time(Child(p, "LastModified")))).ToList();
        var truncated = string.Equals(Child(root, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
        var next = int.TryParse(Child(root, "NextPartNumberMarker"), NumberStyles.None, CultureInfo.InvariantCulture, out var marker) && marker > 0
            ? marker
            : parts.Count > 0 ? parts[^1].PartNumber : 0;
        return new CosPartPage(parts, truncated && next > 0, next);
    }

    /// <summary>The body of DELETE Multiple Objects: <c>&lt;Delete&gt;&lt;Quiet&gt;…&lt;Object&gt;&lt;Key&gt;…</c>, keys without a leading slash.</summary>
    public static byte[] DeleteRequest(IReadOnlyList<string> keys, bool quiet)
    {
        var delete = new XElement("Delete", new XElement("Quiet", quiet ? "true" : "false"));
        foreach (var key in keys)
        {
            delete.Add(new XElement("Object", new XElement("Key", key.TrimStart('/'))));
        }

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            delete.WriteTo(writer);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A <c>DeleteResult</c>: every <c>Error</c> is a key not deleted; every other key asked for was deleted (quiet mode
    /// lists no <c>Deleted</c> elements, verbose mode lists them all; both are read the same way).
    /// </summary>
    public static CosDeleteResult ParseDeleteResult(byte[] body, IReadOnlyList<string> asked)
    {
        // Quiet mode with nothing to report may answer an empty body as well as <DeleteResult/>.
        if (body.Length == 0)
        {
            return new CosDeleteResult(asked.Select(k => k.TrimStart('/')).Distinct(StringComparer.Ordinal).ToList(), []);
        }

        var root = Root(body, "DeleteResult");
        var errors = root.Elements().Where(e => e.Name.LocalName == "Error").Select(e => new CosDeleteError(
            Child(e, "Key") ?? throw new FormatException("An Error element has no Key."),
            Child(e, "Code") ?? "",
            Child(e, "Message") ?? "")).ToList();
        var failed = errors.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var deleted = asked.Select(k => k.TrimStart('/')).Distinct(StringComparer.Ordinal).Where(k => !failed.Contains(k)).ToList();
        return new CosDeleteResult(deleted, errors);
    }

    private static XElement Root(byte[] body, string name) =>
        Load(body) is { Root: { } root } && root.Name.LocalName == name ? root : throw new FormatException($"The answer is not a {name}.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // ISO 8601 as COS writes it today; the ListParts document's example shows the older C asctime form
    // ("Tue Jan 17 16:43:37 2017"), taken as UTC.
    private static readonly string[] AsctimeFormats = ["ddd MMM d HH:mm:ss yyyy", "ddd MMM dd HH:mm:ss yyyy", "ddd MMM  d HH:mm:ss yyyy"];

    private static DateTimeOffset? Time(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) ? iso
        : DateTimeOffset.TryParseExact(text, AsctimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var asc) ? asc
        : null;

    private static CosObjectInfo Object(XElement contents) => new(
        Child(contents, "Key") ?? throw new FormatException("A Contents element has no Key."),
        long.TryParse(Child(contents, "Size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0,
        Child(contents, "ETag"),
        DateTimeOffset.TryParse(Child(contents, "LastModified"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified)
            ? modified
            : null,
        Child(contents, "StorageClass"));

    private static string? Child(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static XDocument? Load(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
