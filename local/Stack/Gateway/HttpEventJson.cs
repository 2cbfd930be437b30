using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Stack.Gateway;

/// <summary>
/// The parts the API gateway trigger's event (<see cref="Deployed.ApiGatewayEvent"/>) and the Function URL event
/// (<see cref="FunctionUrlEvent"/>) carry alike: the request's headers lower-cased, its query, its body as text.
/// </summary>
internal static class HttpEventJson
{
    /// <summary>The event <paramref name="write"/> writes, as UTF-8 JSON.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    /// <summary>The client's address, as the gateway in front of the function sees it.</summary>
    public static string RemoteAddress(HttpRequest request) =>
        request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";

    /// <summary><c>body</c>, when there is one, as text (bytes that are not UTF-8 replaced).</summary>
    public static void WriteBody(Utf8JsonWriter json, byte[] body)
    {
        if (body.Length > 0)
        {
            json.WriteString("body", Encoding.UTF8.GetString(body));
        }
    }

    /// <summary><c>headers</c>: every request header under its lower-cased name (as real traffic shows them), then <paramref name="added"/>.</summary>
    public static void WriteHeaders(Utf8JsonWriter json, HttpRequest request, params ReadOnlySpan<(string Name, string Value)> added)
    {
        json.WriteStartObject("headers");
        foreach (var (name, values) in request.Headers)
        {
            json.WriteString(name.ToLowerInvariant(), values.ToString());
        }

        foreach (var (name, value) in added)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// The query as the object <paramref name="name"/>: one value as a string (Tencent's Function URL sample,
    /// scf-go-lib's apigw test data), a repeated parameter as an array.
    /// </summary>
    public static void WriteQuery(Utf8JsonWriter json, string name, IQueryCollection query)
    {
        json.WriteStartObject(name);
        foreach (var (key, values) in query)
        {
            if (values.Count == 1)
            {
                json.WriteString(key, values[0]);
            }
            else
            {
                json.WriteStartArray(key);
                foreach (var value in values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
            }
        }

        json.WriteEndObject();
    }
}
