using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageExport.Local.Stack.Notifications;

/// <summary>
/// <c>&lt;state-dir&gt;/notifications.jsonl</c> (a contract): one JSON object a line for every delivered notification,
/// with at least <c>id</c>, <c>jobId</c>, <c>outcome</c> and <c>channel</c>. Appends are serialised, so concurrent
/// deliveries never interleave within a line.
/// </summary>
internal sealed class NotificationLog(string path)
{
    public const string FileName = "notifications.jsonl";

    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public void Append(JsonObject entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            entry.WriteTo(writer);
        }

        // Compact JSON escapes every line break inside strings, so the object is one line.
        buffer.WriteByte((byte)'\n');
        lock (_gate)
        {
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            file.Flush(flushToDisk: false);
        }
    }

    /// <summary>Every line read back as an object (for tests and tools).</summary>
    public IReadOnlyList<JsonObject> ReadAll() =>
        File.Exists(Path)
            ? [.. File.ReadAllLines(Path, Encoding.UTF8).Where(line => line.Length > 0).Select(line => JsonNode.Parse(line)!.AsObject())]
            : [];
}
