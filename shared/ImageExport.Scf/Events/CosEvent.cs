using System.Text.Json.Serialization;

namespace ImageExport.Scf.Events;

/// <summary>A COS trigger event, in Tencent's documented format; <c>Records</c> may hold several messages.</summary>
public sealed class CosEvent
{
    [JsonPropertyName("Records")] public List<CosEventRecord>? Records { get; set; }

    /// <summary>Reads a COS trigger event; unknown fields are ignored.</summary>
    /// <exception cref="System.Text.Json.JsonException">The payload is not a JSON object of this shape.</exception>
    public static CosEvent Parse(ReadOnlySpan<byte> utf8Json) =>
        EventJson.Parse(utf8Json, ScfEventsJsonContext.Default.CosEvent);
}

public sealed class CosEventRecord
{
    [JsonPropertyName("cos")] public CosEventCos? Cos { get; set; }
    [JsonPropertyName("event")] public CosEventEvent? Event { get; set; }

    /// <summary>
    /// The object key as COS APIs use it: <c>cosObject.key</c> without its leading <c>/&lt;appid&gt;/&lt;bucket&gt;/</c>;
    /// <see langword="null"/> when the record has no key of that form. Tencent's published events carry plain keys
    /// (COS trigger, cloud.tencent.com/document/product/583/9707) and do not say whether other keys arrive URL-encoded, so a key is
    /// decoded once, and only when it holds a <c>%</c> (a guess, local/README.md): <c>a%2520b</c> is <c>a%20b</c>.
    /// </summary>
    public string? GetObjectKey()
    {
        var key = Cos?.CosObject?.Key;
        if (key is null)
        {
            return null;
        }

        var parts = key.TrimStart('/').Split('/', 3);
        if (parts.Length != 3 || parts[2].Length == 0)
        {
            return null;
        }

        return parts[2].Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(parts[2]) : parts[2];
    }

    /// <summary>
    /// The full bucket name COS APIs use, <c>&lt;name&gt;-&lt;appid&gt;</c>; <see langword="null"/> when the record
    /// lacks the name or the APPID (a name alone does not say which account's bucket it is).
    /// </summary>
    public string? GetBucketName()
    {
        var bucket = Cos?.CosBucket;
        if (string.IsNullOrEmpty(bucket?.Name) || string.IsNullOrEmpty(bucket.AppId))
        {
            return null;
        }

        return bucket.Name.EndsWith("-" + bucket.AppId, StringComparison.Ordinal) ? bucket.Name : bucket.Name + "-" + bucket.AppId;
    }

    /// <summary>Whether this record announces a new object, whatever operation created it (Put, Post, Copy, multipart…).</summary>
    public bool IsObjectCreated() =>
        Event?.EventName?.StartsWith("cos:ObjectCreated:", StringComparison.Ordinal) == true;
}

public sealed class CosEventCos
{
    [JsonPropertyName("cosSchemaVersion")] public string? CosSchemaVersion { get; set; }
    [JsonPropertyName("cosObject")] public CosEventObject? CosObject { get; set; }
    [JsonPropertyName("cosBucket")] public CosEventBucket? CosBucket { get; set; }
    [JsonPropertyName("cosNotificationId")] public string? CosNotificationId { get; set; }
}

public sealed class CosEventObject
{
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("meta")] public Dictionary<string, string>? Meta { get; set; }
    [JsonPropertyName("vid")] public string? Vid { get; set; }
    /// <summary><c>/&lt;appid&gt;/&lt;bucket short name&gt;/&lt;object key&gt;</c>.</summary>
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("size")] public long Size { get; set; }
}

public sealed class CosEventBucket
{
    /// <summary>A short region code such as <c>cd</c>, not <c>ap-chengdu</c>.</summary>
    [JsonPropertyName("region")] public string? Region { get; set; }
    /// <summary>The bucket name without the APPID.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("appid")] public string? AppId { get; set; }
}

public sealed class CosEventEvent
{
    [JsonPropertyName("eventName")] public string? EventName { get; set; }
    [JsonPropertyName("eventVersion")] public string? EventVersion { get; set; }
    [JsonPropertyName("eventTime")] public long EventTime { get; set; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; set; }
    [JsonPropertyName("requestParameters")] public CosEventRequestParameters? RequestParameters { get; set; }
    [JsonPropertyName("eventQueue")] public string? EventQueue { get; set; }
    [JsonPropertyName("reservedInfo")] public string? ReservedInfo { get; set; }
    [JsonPropertyName("reqid")] public long ReqId { get; set; }
}

public sealed class CosEventRequestParameters
{
    [JsonPropertyName("requestSourceIP")] public string? RequestSourceIp { get; set; }
    [JsonPropertyName("requestHeaders")] public Dictionary<string, string>? RequestHeaders { get; set; }
}
