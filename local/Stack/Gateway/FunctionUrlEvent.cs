using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Stack.Gateway;

/// <summary>
/// Builds the Function URL event SCF sends for an HTTP request (reference/scf.md §3a′): <c>httpMethod</c>, <c>path</c>,
/// lower-cased <c>headers</c> with the client address in <c>x-scf-remote-addr</c>, <c>queryString</c> and <c>body</c>. A
/// body that is not UTF-8 text travels base64-encoded with <c>isBase64Encoded: true</c>.
/// </summary>
internal static class FunctionUrlEvent
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] From(HttpRequest request, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (body.Length > 0)
            {
                if (AsText(request.ContentType, body) is { } text)
                {
                    json.WriteString("body", text);
                }
                else
                {
                    json.WriteString("body", Convert.ToBase64String(body));
                    json.WriteBoolean("isBase64Encoded", true);
                }
            }

            json.WriteStartObject("headers");
            foreach (var (name, values) in request.Headers)
            {
                json.WriteString(name.ToLowerInvariant(), values.ToString());
            }

            json.WriteString("x-scf-remote-addr", request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            json.WriteEndObject();

            json.WriteString("httpMethod", request.Method.ToUpperInvariant());
            json.WriteString("path", request.Path.HasValue ? request.Path.Value : "/");

            json.WriteStartObject("queryString");
            foreach (var (name, values) in request.Query)
            {
                // One value as a string (as Tencent's sample shows), a repeated parameter as an array.
                if (values.Count == 1)
                {
                    json.WriteString(name, values[0]);
                }
                else
                {
                    json.WriteStartArray(name);
                    foreach (var value in values)
                    {
                        json.WriteStringValue(value);
                    }

                    json.WriteEndArray();
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string? AsText(string? contentType, byte[] body)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        var binary = type is "application/octet-stream" or "application/zip" or "application/gzip" or "application/pdf"
            || type.StartsWith("image/", StringComparison.Ordinal)
            || type.StartsWith("audio/", StringComparison.Ordinal)
            || type.StartsWith("video/", StringComparison.Ordinal);
        if (binary)
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
