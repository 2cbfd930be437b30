using System.Text.Json;
using ImageExport.Scf.Events;

namespace ImageExport.Core.Http;

/// <summary>An HTTP request as the routes see it, whichever trigger (Function URL or API gateway) delivered it.</summary>
internal sealed record ApiRequest
{
    public required string Method { get; init; }
    /// <summary>Without the configured base path and without a trailing slash; <c>/</c> at the root.</summary>
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    /// <summary>The body as sent (base64 already decoded); null when it was malformed base64.</summary>
    public byte[]? Body { get; init; }
    public int EncodedBodyLength { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    /// <summary>The language the answer's messages are written in: the first of ours Accept-Language names, else <paramref name="fallback"/>.</summary>
    public Texts.Language Language(Texts.Language fallback) => Texts.Language.FromAcceptLanguage(Header("Accept-Language")) ?? fallback;

    public static ApiRequest From(HttpTriggerEvent e, string basePath)
    {
        var path = e.Path ?? e.RequestContext?.Path ?? "/";
        if (basePath.Length > 0 && (path == basePath || path.StartsWith(basePath + "/", StringComparison.Ordinal)))
        {
            path = path[basePath.Length..];
        }
        path = "/" + path.Trim('/');

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        // queryString carries repeated values; queryStringParameters (API gateway only) is the older, flatter map.
        foreach (var source in new[] { e.QueryStringParameters, e.QueryString })
        {
            foreach (var (name, value) in source ?? [])
            {
                if (FirstValue(value) is { } text) query[name] = text;
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in e.Headers ?? [])
        {
            if (AllValues(value) is { } text) headers[name] = text;
        }

        return new ApiRequest
        {
            Method = (e.HttpMethod ?? e.RequestContext?.HttpMethod ?? "GET").ToUpperInvariant(),
            Path = path,
            Headers = headers,
            Query = query,
            Body = Decode(e.Body, e.IsBase64Encoded == true),
            EncodedBodyLength = e.Body?.Length ?? 0,
        };
    }

    private static byte[]? Decode(string? body, bool base64)
    {
        if (string.IsNullOrEmpty(body)) return [];
        if (!base64) return System.Text.Encoding.UTF8.GetBytes(body);
        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // A bare flag (?verbose) arrives as true: it has the empty value.
    private static string? FirstValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => value.EnumerateArray().Select(FirstValue).FirstOrDefault(v => v is not null),
        _ => null,
    };

    private static string? AllValues(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(FirstValue).Where(v => v is not null)),
        _ => FirstValue(value),
    };
}
