using System.Diagnostics;
using System.Text.Json;
using Serilog.Events;
using Serilog.Parsing;

namespace ImageExport.Local.Stack.Process;

/// <summary>
/// Reads one line of Serilog's compact JSON (what the functions write) back into a <see cref="LogEvent"/>, so an
/// instance's events reach the local stack's sinks with their own timestamp, level, template and properties.
/// </summary>
internal static class CompactLogEvents
{
    private static readonly MessageTemplateParser Parser = new();

    /// <summary>Null when the line is not a compact JSON event (a bootstrap message, a crash dump…).</summary>
    public static LogEvent? TryRead(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static LogEvent? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("@t", out var t)
            || t.ValueKind != JsonValueKind.String
            || !t.TryGetDateTimeOffset(out var timestamp))
        {
            return null;
        }

        var template = String(root, "@mt") ?? EscapeBraces(String(root, "@m") ?? "");
        var level = Enum.TryParse<LogEventLevel>(String(root, "@l"), ignoreCase: true, out var parsed) ? parsed : LogEventLevel.Information;
        var exception = String(root, "@x") is { } text ? new ForwardedException(text) : null;
        var properties = new List<LogEventProperty>();
        foreach (var property in root.EnumerateObject())
        {
            // The formatter doubles a leading @ on user properties so they cannot clash with its own fields.
            var name = property.Name.StartsWith("@@", StringComparison.Ordinal) ? property.Name[1..]
                : property.Name.StartsWith('@') ? null
                : property.Name;
            if (name is not null && LogEventProperty.IsValidName(name))
            {
                properties.Add(new LogEventProperty(name, Value(property.Value)));
            }
        }

        return new LogEvent(timestamp, level, exception, Parser.Parse(template), properties, TraceId(root) ?? default, SpanId(root) ?? default);
    }

    private static LogEventPropertyValue Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new ScalarValue(value.GetString()),
        JsonValueKind.Number when value.TryGetInt64(out var integer) => new ScalarValue(integer),
        JsonValueKind.Number when value.TryGetDecimal(out var number) => new ScalarValue(number),
        JsonValueKind.Number => new ScalarValue(value.GetDouble()),
        JsonValueKind.True => new ScalarValue(true),
        JsonValueKind.False => new ScalarValue(false),
        JsonValueKind.Array => new SequenceValue(value.EnumerateArray().Select(Value).ToList()),
        JsonValueKind.Object => Structure(value),
        _ => new ScalarValue(null),
    };

    private static StructureValue Structure(JsonElement value)
    {
        var members = value.EnumerateObject()
            .Where(m => m.Name != "$type" && LogEventProperty.IsValidName(m.Name))
            .Select(m => new LogEventProperty(m.Name, Value(m.Value)))
            .ToList();
        return new StructureValue(members, String(value, "$type"));
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string EscapeBraces(string message) => message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    private static ActivityTraceId? TraceId(JsonElement root) =>
        String(root, "@tr") is { Length: 32 } id && IsHex(id) ? ActivityTraceId.CreateFromString(id) : null;

    private static ActivitySpanId? SpanId(JsonElement root) =>
        String(root, "@sp") is { Length: 16 } id && IsHex(id) ? ActivitySpanId.CreateFromString(id) : null;

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);

    /// <summary>An exception that happened in an instance, known only by its text; the sinks print that text unchanged.</summary>
    private sealed class ForwardedException(string text) : Exception(text.Split('\n', 2)[0].TrimEnd())
    {
        public override string ToString() => text;
    }
}
