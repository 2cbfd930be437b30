using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Stack.Gateway;

/// <summary>
/// Builds the Function URL event SCF sends for an HTTP request (docs/reference/scf.md §3.1): <c>httpMethod</c>, <c>path</c>,
/// lower-cased <c>headers</c> with the client address in <c>x-scf-remote-addr</c>, <c>queryString</c> and <c>body</c>.
/// Tencent's document (函数 URL 概述, cloud.tencent.com/document/product/583/96099) says the event is the API gateway's
/// without <c>headerParameters</c>, <c>isBase64Encoded</c>, <c>pathParameters</c>, <c>queryStringParameters</c> and
/// <c>requestContext</c>, so none of them is sent. How a body that is not UTF-8 travels is not documented: it arrives
/// here as text with the invalid bytes replaced (a guess, listed in local/README.md), which no JSON API can mistake
/// for what was sent.
/// </summary>
internal static class FunctionUrlEvent
{
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
                json.WriteString("body", Encoding.UTF8.GetString(body));
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
}
