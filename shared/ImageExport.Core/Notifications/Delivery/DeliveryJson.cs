using System.Text.Json.Serialization;

namespace ImageExport.Core.Notifications.Delivery;

/// <summary>The delivery records as JSON (the options of <see cref="Jobs.JobStoreJson"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(DeliveryMarker))]
[JsonSerializable(typeof(UnknownExportRecord))]
internal sealed partial class DeliveryJson : JsonSerializerContext;
