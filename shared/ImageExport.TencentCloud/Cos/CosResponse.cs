using System.Globalization;

namespace ImageExport.TencentCloud.Cos;

/// <summary>A COS answer read to the end: status, headers (response and content, case-insensitive) and body.</summary>
internal sealed record CosResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? RequestId => Header("x-cos-request-id");

    /// <summary>HEAD/GET Object metadata. COS sends <c>x-cos-storage-class</c> only for classes other than STANDARD.</summary>
    public CosObjectInfo ObjectInfo(string key) => new(
        key,
        long.TryParse(Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : Body.LongLength,
        Header("ETag"),
        DateTimeOffset.TryParseExact(Header("Last-Modified"), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified)
            ? modified
            : null,
        Header("x-cos-storage-class") ?? "STANDARD")
    {
        Metadata = Headers
            .Where(h => h.Key.StartsWith(CosClient.MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal),
    };

    /// <summary>The XML error body when there is one; a code named after the status otherwise (HEAD answers have no body).</summary>
    public CosException ToException()
    {
        if (CosXml.TryParseError(Body, out var error))
        {
            return new CosException(Status, error.Code, error.Message, error.RequestId ?? RequestId);
        }

        var code = Status switch
        {
            403 => "AccessDenied",
            404 => "NotFound",
            _ => Api.TencentCloudErrorCodes.HttpStatus,
        };
        return new CosException(Status, code, $"HTTP {Status}", RequestId);
    }

    public static CosResponse From(HttpResponseMessage response, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(",", values);
        }

        return new CosResponse((int)response.StatusCode, headers, body);
    }
}
