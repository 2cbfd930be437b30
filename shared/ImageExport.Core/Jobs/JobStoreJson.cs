using System.Text.Json.Serialization;

namespace ImageExport.Core.Jobs;

/// <summary>
/// The job store's objects as JSON. Each folder that owns stored or wire types has its own context, so no folder
/// depends on a shared one that in turn lists its types; all use these same options.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(StoredEvent))]
[JsonSerializable(typeof(ActiveMarker))]
[JsonSerializable(typeof(IndexEntry))]
[JsonSerializable(typeof(PathEntry))]
[JsonSerializable(typeof(IdempotencyRecord))]
internal sealed partial class JobStoreJson : JsonSerializerContext;
