using System.Text.Json.Serialization;

namespace ImageExport.Scf.Events;

/// <summary>What the API gateway adds about the request; absent from Function URL events.</summary>
public sealed class HttpRequestContext
{
    [JsonPropertyName("requestId")] public string? RequestId { get; set; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("serviceId")] public string? ServiceId { get; set; }
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; set; }
    [JsonPropertyName("stage")] public string? Stage { get; set; }
    [JsonPropertyName("identity")] public HttpRequestIdentity? Identity { get; set; }
}

/// <summary>The caller as the API gateway authenticated it; empty for unauthenticated APIs.</summary>
public sealed class HttpRequestIdentity
{
    [JsonPropertyName("secretId")] public string? SecretId { get; set; }
}
