using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageExport.Core.Jobs;
using ImageExport.Core.Texts;
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

    /// <summary>An error whose message is in <paramref name="language"/>; the code stays as it is.</summary>
    public static HttpTriggerResponse Error(int status, string code, LocalText message, Language language) =>
        Localized(Json(status, new ErrorEnvelope(new ErrorBody { Code = code, Message = message.In(language) }), ApiJson.Default.ErrorEnvelope), language);

    public static HttpTriggerResponse BadRequest(IReadOnlyList<FieldError> errors, Language language) =>
        Localized(Json(400, new ErrorEnvelope(new ErrorBody
        {
            Code = "BadRequest",
            Message = string.Join(
                Catalog.Text(language, "api.fieldSeparator"),
                errors.Select(e => Catalog.Format(language, "api.fieldMessage", ("field", e.Field), ("message", e.Message.In(language))))),
            Fields = errors.Select(e => e.Field).Distinct().ToList(),
        }), ApiJson.Default.ErrorEnvelope), language);

    public static HttpTriggerResponse ValidationFailed(IReadOnlyList<Problem> problems, Language language)
    {
        var localized = problems.Select(p => p.In(language)).ToList();
        return Localized(Json(422, new ErrorEnvelope(new ErrorBody
        {
            Code = "ValidationFailed",
            Message = localized.Count == 1
                ? Catalog.Format(language, "api.validationFailed.one", ("message", localized[0].Message))
                : Catalog.Format(language, "api.validationFailed.many", ("count", localized.Count.ToString(CultureInfo.InvariantCulture))),
            Problems = localized,
        }), ApiJson.Default.ErrorEnvelope), language);
    }

    public static HttpTriggerResponse NotFound(LocalText message, Language language) => Error(404, "NotFound", message, language);

    public static HttpTriggerResponse MethodNotAllowed(string method, string path, IReadOnlyList<string> allowed, Language language)
    {
        var response = Error(405, "MethodNotAllowed",
            LocalText.Of("api.methodNotAllowed", ("method", method), ("path", path), ("allowed", string.Join(Catalog.Text(language, "api.or"), allowed))),
            language);
        response.Headers["Allow"] = string.Join(", ", allowed);
        return response;
    }

    /// <summary>Says which language the messages are in, and that the answer depends on Accept-Language.</summary>
    public static HttpTriggerResponse Localized(HttpTriggerResponse response, Language language)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(language);
        response.Headers["Content-Language"] = language.Tag;
        response.Headers["Vary"] = "Accept-Language";
        return response;
    }
}

/// <summary>One malformed request field and why (in any language).</summary>
internal sealed record FieldError(string Field, LocalText Message)
{
    public FieldError(string field, string key, params (string Name, string Value)[] args)
        : this(field, LocalText.Of(key, args))
    {
    }
}
