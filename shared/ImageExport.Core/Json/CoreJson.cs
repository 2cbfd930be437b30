using System.Text.Json.Serialization;
using ImageExport.Core.Http;
using ImageExport.Core.State;

namespace ImageExport.Core.Json;

/// <summary>Every type the workflow reads or writes as JSON: the job store's objects and the HTTP API's bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(StoredEvent))]
[JsonSerializable(typeof(ActiveMarker))]
[JsonSerializable(typeof(IndexEntry))]
[JsonSerializable(typeof(PathEntry))]
[JsonSerializable(typeof(IdempotencyRecord))]
[JsonSerializable(typeof(DeliveryMarker))]
[JsonSerializable(typeof(UnknownExportRecord))]
[JsonSerializable(typeof(ImageExport.Core.Progress.ProgressRecord))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(JobListView))]
[JsonSerializable(typeof(DryRunView))]
[JsonSerializable(typeof(CatalogView))]
[JsonSerializable(typeof(HealthView))]
internal sealed partial class CoreJson : JsonSerializerContext;
