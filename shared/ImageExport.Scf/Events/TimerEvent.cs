using System.Globalization;
using System.Text.Json.Serialization;

namespace ImageExport.Scf.Events;

/// <summary>A timer trigger event: <c>{"Type":"Timer","TriggerName":…,"Time":"…Z","Message":…}</c>.</summary>
public sealed class TimerEvent
{
    [JsonPropertyName("Type")] public string? Type { get; set; }
    [JsonPropertyName("TriggerName")] public string? TriggerName { get; set; }
    [JsonPropertyName("Time")] public string? Time { get; set; }
    [JsonPropertyName("Message")] public string? Message { get; set; }

    /// <summary>Reads a timer event; unknown fields are ignored.</summary>
    /// <exception cref="System.Text.Json.JsonException">The payload is not a JSON object of this shape.</exception>
    public static TimerEvent Parse(ReadOnlySpan<byte> utf8Json) =>
        EventJson.Parse(utf8Json, ScfEventsJsonContext.Default.TimerEvent);

    /// <summary>When the timer fired (UTC), or <see langword="null"/> when <see cref="Time"/> is missing or unreadable.</summary>
    public DateTimeOffset? GetTime() =>
        DateTimeOffset.TryParse(Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
