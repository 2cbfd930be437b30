using System.Text.Json.Serialization;

namespace ImageExport.Scf.Events;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(HttpTriggerEvent))]
[JsonSerializable(typeof(HttpTriggerResponse))]
[JsonSerializable(typeof(TimerEvent))]
[JsonSerializable(typeof(CosEvent))]
public sealed partial class ScfEventsJsonContext : JsonSerializerContext;
