using System.Text.Json.Serialization;

namespace ImageExport.Scf.Events;

/// <summary>A timer trigger event: <c>{"Type":"Timer","TriggerName":…,"Time":"…Z","Message":…}</c>.</summary>
public sealed class TimerEvent
{
    [JsonPropertyName("Type")] public string? Type { get; set; }
    [JsonPropertyName("TriggerName")] public string? TriggerName { get; set; }
    [JsonPropertyName("Time")] public string? Time { get; set; }
    [JsonPropertyName("Message")] public string? Message { get; set; }
}
