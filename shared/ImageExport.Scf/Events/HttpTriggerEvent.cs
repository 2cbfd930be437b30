using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageExport.Scf.Events;

/// <summary>
/// The request of a Function URL trigger or of an API gateway trigger (integrated request); the Function URL event
/// is the API gateway one without requestContext and a few maps. Header names arrive in any case; query string
/// values may be strings, arrays or <c>true</c>. Read them through the <c>Get…</c> methods, which absorb all of that.
/// </summary>
public sealed class HttpTriggerEvent
{
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, JsonElement>? Headers { get; set; }
    [JsonPropertyName("queryString")] public Dictionary<string, JsonElement>? QueryString { get; set; }
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, JsonElement>? QueryStringParameters { get; set; }
    [JsonPropertyName("pathParameters")] public Dictionary<string, JsonElement>? PathParameters { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("isBase64Encoded")] public bool? IsBase64Encoded { get; set; }
    [JsonPropertyName("requestContext")] public HttpRequestContext? RequestContext { get; set; }

    /// <summary>Reads a Function URL or API gateway event; unknown fields are ignored.</summary>
    /// <exception cref="JsonException">The payload is not a JSON object of this shape.</exception>
    public static HttpTriggerEvent Parse(ReadOnlySpan<byte> utf8Json) =>
        EventJson.Parse(utf8Json, ScfEventsJsonContext.Default.HttpTriggerEvent);

    /// <summary>The request method in upper case; the API gateway's requestContext is the fallback.</summary>
    public string GetMethod() =>
        (HttpMethod ?? RequestContext?.HttpMethod ?? "GET").ToUpperInvariant();

    /// <summary>The request path, <c>/</c> when the event carries none.</summary>
    public string GetPath() => string.IsNullOrEmpty(Path) ? "/" : Path;

    /// <summary>
    /// A header's value whatever the case of its name; several values are joined with <c>", "</c> as HTTP does;
    /// <see langword="null"/> when absent.
    /// </summary>
    public string? GetHeader(string name)
    {
        var values = GetHeaderValues(name);
        return values.Count == 0 ? null : string.Join(", ", values);
    }

    /// <summary>Every value of a header, whatever the case of its name; empty when absent.</summary>
    public IReadOnlyList<string> GetHeaderValues(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return JsonValues.TryFind(Headers, name, out var value) ? JsonValues.ToStrings(value) : [];
    }

    /// <summary>
    /// A query parameter's first value: <c>""</c> for a bare flag (<c>?verbose</c> arrives as <c>true</c>),
    /// <see langword="null"/> when absent.
    /// </summary>
    public string? GetQuery(string name)
    {
        var values = GetQueryValues(name);
        return values.Count == 0 ? null : values[0];
    }

    /// <summary>Every value of a query parameter (<c>?a=1&amp;a=2</c> arrives as an array); empty when absent.</summary>
    public IReadOnlyList<string> GetQueryValues(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // queryString carries repeated values; queryStringParameters (API gateway only) is the older, flatter map.
        if (JsonValues.TryFind(QueryString, name, out var value) || JsonValues.TryFind(QueryStringParameters, name, out value))
        {
            return JsonValues.ToStrings(value);
        }
        return [];
    }

    /// <summary>The body's bytes, decoded when the event marks it base64; empty when there is no body.</summary>
    /// <exception cref="FormatException">The body is marked base64 but is not.</exception>
    public byte[] GetBodyBytes()
    {
        if (string.IsNullOrEmpty(Body))
        {
            return [];
        }

        if (IsBase64Encoded != true)
        {
            return Encoding.UTF8.GetBytes(Body);
        }

        try
        {
            return Convert.FromBase64String(Body);
        }
        catch (FormatException e)
        {
            throw new FormatException("The request body is marked isBase64Encoded but is not valid base64.", e);
        }
    }

    /// <summary>The body as UTF-8 text, decoded when the event marks it base64; <c>""</c> when there is no body.</summary>
    /// <exception cref="FormatException">The body is marked base64 but is not.</exception>
    public string GetBodyText() => IsBase64Encoded == true ? Encoding.UTF8.GetString(GetBodyBytes()) : Body ?? "";
}
