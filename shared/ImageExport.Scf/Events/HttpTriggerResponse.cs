using System.Text.Json.Serialization;

namespace ImageExport.Scf.Events;

/// <summary>The integrated response both the Function URL and the API gateway understand.</summary>
public sealed class HttpTriggerResponse
{
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }
    [JsonPropertyName("statusCode")] public int StatusCode { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    [JsonPropertyName("body")] public string Body { get; set; } = "";

    /// <summary>Writes the response as the UTF-8 JSON the trigger expects back.</summary>
    public byte[] ToUtf8Json() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, ScfEventsJsonContext.Default.HttpTriggerResponse);
}
