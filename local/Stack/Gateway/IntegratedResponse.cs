using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Stack.Gateway;

/// <summary>
/// Turns what the function returned into the HTTP answer, as the Function URL does: an integrated response
/// (<c>statusCode</c>, <c>headers</c> with string or list values, <c>body</c>, <c>isBase64Encoded</c>) is unpacked; any other
/// valid JSON is a 200 <c>application/json</c> with that JSON as the body (docs/reference/scf.md §3.1).
/// </summary>
internal static class IntegratedResponse
{
    // Framing is the server's business; a function's value for these would corrupt the answer.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "content-length", "transfer-encoding", "connection", "keep-alive" };

    public static async Task WriteAsync(HttpContext context, byte[] returned)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(returned);
        var response = context.Response;
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(returned);
        }
        catch (JsonException)
        {
            // Not JSON: passed through as text, the closest thing to what a function meant.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/plain; charset=utf-8";
            await response.Body.WriteAsync(returned, context.RequestAborted);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status) || !status.TryGetInt32(out var code))
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json";
                await response.Body.WriteAsync(returned, context.RequestAborted);
                return;
            }

            response.StatusCode = code;
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headers.EnumerateObject())
                {
                    if (Skipped.Contains(header.Name))
                    {
                        continue;
                    }

                    response.Headers[header.Name] = header.Value.ValueKind == JsonValueKind.Array
                        ? new Microsoft.Extensions.Primitives.StringValues([.. header.Value.EnumerateArray().Select(Text)])
                        : Text(header.Value);
                }
            }

            var body = root.TryGetProperty("body", out var bodyElement) ? Text(bodyElement) : "";
            var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
            var bytes = base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private static string Text(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        };
}
