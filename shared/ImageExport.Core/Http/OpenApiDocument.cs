using System.Globalization;
using System.Text;
using System.Text.Json;
using ImageExport.Scf.Events;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageExport.Core.Http;

/// <summary>
/// <c>GET /openapi.json</c>: docs/openapi.yaml (embedded at build) as JSON, converted once, on first request, so the
/// document the function serves is the one CI lints and the contract tests validate answers against.
/// </summary>
internal static class OpenApiDocument
{
    private static readonly Lazy<string> Json = new(() => ToJson(ReadEmbedded()));

    public static string AsJson => Json.Value;

    /// <summary>The answer to <c>GET /openapi.json</c>; no token is needed to read the contract.</summary>
    public static HttpTriggerResponse Response()
    {
        var response = new HttpTriggerResponse { StatusCode = 200, IsBase64Encoded = false, Body = AsJson };
        response.Headers["Content-Type"] = "application/json; charset=utf-8";
        response.Headers["Cache-Control"] = "public, max-age=300";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        return response;
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("ImageExport.openapi.yaml")
            ?? throw new InvalidOperationException("the OpenAPI document is not embedded in ImageExport.Core");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>YAML to JSON by the YAML 1.2 core schema: plain scalars may be null, booleans or numbers; quoted ones are strings.</summary>
    public static string ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, stream.Documents[0].RootNode);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value ?? "");
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw new FormatException($"unsupported YAML node at {node.Start}");
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            writer.WriteStringValue(text);
            return;
        }
        switch (text)
        {
            case "null" or "~" or "":
                writer.WriteNullValue();
                return;
            case "true":
                writer.WriteBooleanValue(true);
                return;
            case "false":
                writer.WriteBooleanValue(false);
                return;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (LooksNumeric(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    // "3.1.0" and "1e" stay strings; "50.0" and "1.5e7" are numbers.
    private static bool LooksNumeric(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') && text.Count(c => c == '.') <= 1 && text.All(c => char.IsDigit(c) || c is '.' or 'e' or 'E' or '-' or '+');
}
