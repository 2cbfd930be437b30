using System.Text.Json;

namespace ImageExport.Core.Schedules;

/// <summary>Tells a timer event (<c>"Type":"Timer"</c>, reference/scf.md §3b) from the HTTP events the start function serves.</summary>
internal static class TimerEvents
{
    public static bool IsTimer(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("Type");
                if (!reader.Read())
                {
                    return false;
                }

                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Timer");
                }

                reader.Skip();
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
