using ImageExport.Scf.Events;

namespace ImageExport.Core.Http;

/// <summary>
/// An HTTP request as the routes see it, whichever trigger (Function URL or API gateway) delivered it. Headers,
/// query and body are read through the event library's accessors; this adds only what is ours: the base path.
/// </summary>
internal sealed class ApiRequest
{
    private readonly HttpTriggerEvent _event;

    private ApiRequest(HttpTriggerEvent e, string path, byte[]? body)
    {
        _event = e;
        Path = path;
        Body = body;
    }

    public string Method => _event.GetMethod();

    /// <summary>Without the configured base path and without a trailing slash; <c>/</c> at the root.</summary>
    public string Path { get; }

    /// <summary>The body as sent (base64 already decoded); null when it was malformed base64.</summary>
    public byte[]? Body { get; }

    public int EncodedBodyLength => _event.Body?.Length ?? 0;

    public string? Header(string name) => _event.GetHeader(name);

    public string? QueryValue(string name) => _event.GetQuery(name);

    /// <summary>The language the answer's messages are written in: the first of ours Accept-Language names, else <paramref name="fallback"/>.</summary>
    public Texts.Language Language(Texts.Language fallback) => Texts.Language.FromAcceptLanguage(Header("Accept-Language")) ?? fallback;

    public static ApiRequest From(HttpTriggerEvent e, string basePath)
    {
        var path = e.GetPath();
        if (basePath.Length > 0 && (path == basePath || path.StartsWith(basePath + "/", StringComparison.Ordinal)))
        {
            path = path[basePath.Length..];
        }
        return new ApiRequest(e, "/" + path.Trim('/'), BodyOf(e));
    }

    private static byte[]? BodyOf(HttpTriggerEvent e)
    {
        try
        {
            return e.GetBodyBytes();
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
