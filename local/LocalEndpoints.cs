using System.Text.Json.Serialization;

namespace ImageExport.Local;

/// <summary>
/// <c>&lt;state-dir&gt;/endpoints.json</c> (a contract: scripts and the conformance suite configure themselves from it).
/// Written once everything listens, removed on a clean stop.
/// </summary>
internal sealed record LocalEndpoints(
    [property: JsonPropertyName("api")] string Api,
    [property: JsonPropertyName("cvm")] string Cvm,
    [property: JsonPropertyName("cos")] string Cos,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("appId")] string AppId,
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("secretId")] string SecretId,
    [property: JsonPropertyName("secretKey")] string SecretKey,
    [property: JsonPropertyName("apiToken")] string ApiToken)
{
    public const string FileName = "endpoints.json";
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(LocalEndpoints))]
internal sealed partial class LocalJsonContext : JsonSerializerContext;
