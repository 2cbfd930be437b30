using System.Text.Json.Serialization;

namespace ImageExport.Core.Progress;

/// <summary>The progress record as JSON (the options of <see cref="Jobs.JobStoreJson"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ProgressRecord))]
internal sealed partial class ProgressJson : JsonSerializerContext;
