using System.Text.Json.Serialization;

namespace ImageExport.Scf.Events;

// Numbers quoted as strings are accepted: proxies and hand-made test events do that to sizes and times.
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(HttpTriggerEvent))]
[JsonSerializable(typeof(HttpTriggerResponse))]
[JsonSerializable(typeof(TimerEvent))]
[JsonSerializable(typeof(CosEvent))]
public sealed partial class ScfEventsJsonContext : JsonSerializerContext;
