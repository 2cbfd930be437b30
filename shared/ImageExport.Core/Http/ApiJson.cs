using System.Text.Json.Serialization;

namespace ImageExport.Core.Http;

/// <summary>The HTTP API's bodies as JSON (the options of <see cref="Jobs.JobStoreJson"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(JobListView))]
[JsonSerializable(typeof(DryRunView))]
[JsonSerializable(typeof(CatalogView))]
[JsonSerializable(typeof(HealthView))]
internal sealed partial class ApiJson : JsonSerializerContext;
