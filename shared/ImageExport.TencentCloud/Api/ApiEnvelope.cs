using System.Text.Json;

namespace ImageExport.TencentCloud.Api;

/// <summary>API 3.0's <c>{"Response": {…, "RequestId"}}</c>, with <c>Response.Error</c> on failure (still HTTP 200).</summary>
internal sealed record ApiEnvelope(JsonElement Response, string? RequestId, string? ErrorCode, string? ErrorMessage)
{
    public static bool TryParse(ReadOnlySpan<byte> body, out ApiEnvelope? envelope)
    {
        envelope = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Response", out var response)
                || response.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var requestId = response.TryGetProperty("RequestId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            string? code = null, message = null;
            if (response.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = error.TryGetProperty("Code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                message = error.TryGetProperty("Message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                code ??= "UnknownError";
            }

            envelope = new ApiEnvelope(response.Clone(), requestId, code, message);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public TencentCloudException ToException() => new(ErrorCode ?? "UnknownError", ErrorMessage ?? "", RequestId);
}
