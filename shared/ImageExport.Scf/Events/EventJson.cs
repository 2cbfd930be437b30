using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ImageExport.Scf.Events;

internal static class EventJson
{
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> typeInfo) where T : class
    {
        // A literal null would otherwise come back as a null event and fail later, far from the cause.
        return JsonSerializer.Deserialize(utf8Json, typeInfo)
            ?? throw new JsonException($"The event is JSON null, not a {typeof(T).Name}.");
    }
}
