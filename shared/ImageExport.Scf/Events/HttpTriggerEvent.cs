using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageExport.Scf.Events;

/// <summary>
/// The request of a Function URL trigger or of an API gateway trigger (integrated request); the Function URL event
/// is the API gateway one without requestContext and a few maps. Header names arrive in any case; query string
/// values may be strings, arrays or <c>true</c>.
/// </summary>
public sealed class HttpTriggerEvent
{
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, JsonElement>? Headers { get; set; }
    [JsonPropertyName("queryString")] public Dictionary<string, JsonElement>? QueryString { get; set; }
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, JsonElement>? QueryStringParameters { get; set; }
    [JsonPropertyName("pathParameters")] public Dictionary<string, JsonElement>? PathParameters { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("isBase64Encoded")] public bool? IsBase64Encoded { get; set; }
    [JsonPropertyName("requestContext")] public HttpRequestContext? RequestContext { get; set; }
}

public sealed class HttpRequestContext
{
    [JsonPropertyName("requestId")] public string? RequestId { get; set; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("serviceId")] public string? ServiceId { get; set; }
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; set; }
    [JsonPropertyName("stage")] public string? Stage { get; set; }
}

/// <summary>The integrated response both the Function URL and the API gateway understand.</summary>
public sealed class HttpTriggerResponse
{
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }
    [JsonPropertyName("statusCode")] public int StatusCode { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    [JsonPropertyName("body")] public string Body { get; set; } = "";
}
