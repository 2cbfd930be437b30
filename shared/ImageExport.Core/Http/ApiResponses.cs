using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageExport.Core.Json;
using ImageExport.Core.Rules;
using ImageExport.Scf.Events;

namespace ImageExport.Core.Http;

/// <summary>The integrated-response answers of the HTTP API; every error has the same envelope.</summary>
internal static class ApiResponses
{
    // People read these answers (curl, logs): "+00:00" and "64位" as written, not "\u002B00:00" and "64\u4F4D".
    // The body is only ever served as application/json with nosniff, never inlined into HTML.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static HttpTriggerResponse Json<T>(int status, T value, JsonTypeInfo<T> type)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Readable))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        var response = new HttpTriggerResponse
        {
            StatusCode = status,
            IsBase64Encoded = false,
            Body = Encoding.UTF8.GetString(buffer.WrittenSpan),
        };
        response.Headers["Content-Type"] = "application/json; charset=utf-8";
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        return response;
    }

    public static HttpTriggerResponse Error(int status, string code, string message) =>
        Json(status, new ErrorEnvelope(new ErrorBody { Code = code, Message = message }), CoreJson.Default.ErrorEnvelope);

    public static HttpTriggerResponse BadRequest(IReadOnlyList<FieldError> errors) =>
        Json(400, new ErrorEnvelope(new ErrorBody
        {
            Code = "BadRequest",
            Message = string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
            Fields = errors.Select(e => e.Field).Distinct().ToList(),
        }), CoreJson.Default.ErrorEnvelope);

    public static HttpTriggerResponse ValidationFailed(IReadOnlyList<Problem> problems) =>
        Json(422, new ErrorEnvelope(new ErrorBody
        {
            Code = "ValidationFailed",
            Message = problems.Count == 1
                ? $"the export cannot start: {problems[0].Message}"
                : $"the export cannot start: {problems.Count} problems",
            Problems = problems,
        }), CoreJson.Default.ErrorEnvelope);

    public static HttpTriggerResponse NotFound(string message) => Error(404, "NotFound", message);

    public static HttpTriggerResponse MethodNotAllowed(string method, string path, IReadOnlyList<string> allowed)
    {
        var response = Error(405, "MethodNotAllowed", $"{method} is not allowed on {path}; use {string.Join(" or ", allowed)}");
        response.Headers["Allow"] = string.Join(", ", allowed);
        return response;
    }
}

/// <summary>One malformed request field and why.</summary>
internal sealed record FieldError(string Field, string Message);
