using System.Security.Cryptography;
using System.Text;
using ImageExport.Core.Http;
using ImageExport.Core.Texts;
using ImageExport.Scf.Events;

namespace ImageExport.Core.Console;

/// <summary>
/// <c>GET /</c>: the web console, one self-contained page. Its HTML, CSS and script are embedded in the binary and
/// joined once per instance; the script and the style sheet are inline and allowed by their SHA-256 in the
/// Content-Security-Policy, so nothing else can run or style the page, and it fetches from nowhere but this origin.
/// Its texts come from the catalog in English, Simplified Chinese and Korean, all three embedded as a JSON data block;
/// the page picks one by the browser's languages or the reader's remembered choice.
/// The page only calls the HTTP API with the token the user types, so it needs no authentication of its own.
/// An HTML body with its own Content-Type in the integrated response is Tencent's documented example (API gateway
/// integrated response, docs/reference/scf.md §3.2); the Function URL's standard response carries custom headers (its
/// "函数 URL 概述" page, §3a′). That it passes Content-Security-Policy, ETag and a 304 through untouched is a guess
/// (local/README.md).
/// </summary>
internal static class ConsolePage
{
    private const string ScriptMarker = "/*CONSOLE_SCRIPT*/";
    private const string StyleMarker = "/*CONSOLE_STYLE*/";
    private const string TextsMarker = "/*CONSOLE_TEXTS*/";

    private static readonly Lazy<Page> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ContentSecurityPolicy => Built.Value.Policy;

    public static string ETag => Built.Value.ETag;

    public static HttpTriggerResponse Respond(ApiRequest request)
    {
        var page = Built.Value;
        // The page changes only with a deploy: revalidate every time (no-cache), answer 304 while it is the same.
        var notModified = request.Header("If-None-Match") is { } tags &&
            tags.Split(',').Any(t => t.Trim() == page.ETag || t.Trim() == "*");
        var response = new HttpTriggerResponse
        {
            StatusCode = notModified ? 304 : 200,
            IsBase64Encoded = false,
            Body = notModified ? "" : page.Html,
        };
        var headers = response.Headers;
        headers["Content-Type"] = "text/html; charset=utf-8";
        headers["Cache-Control"] = "no-cache";
        headers["ETag"] = page.ETag;
        headers["Content-Security-Policy"] = page.Policy;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return response;
    }

    private static Page Build()
    {
        var html = Resource("console.html");
        var script = Resource("console.js");
        var style = Resource("console.css");
        // The texts go in as a JSON data block (<script type="application/json">): the browser never runs it, so the
        // script-src hash covers the code alone. ConsoleJsonAll escapes <, > and &, so no text can end the element.
        // English is the fallback for a browser that names none of the three languages (issue #17: zh-TW → English).
        var texts = Catalog.ConsoleJsonAll(Language.English);
        var joined = html.Replace(TextsMarker, texts, StringComparison.Ordinal)
            .Replace(ScriptMarker, script, StringComparison.Ordinal)
            .Replace(StyleMarker, style, StringComparison.Ordinal);
        var policy = string.Join("; ",
            "default-src 'none'",
            $"script-src '{Hash(script)}'",
            $"style-src '{Hash(style)}'",
            "connect-src 'self'",
            "img-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..32] + "\"";
        return new Page(joined, policy, etag);
    }

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));

    private static string Resource(string name)
    {
        using var stream = typeof(ConsolePage).Assembly.GetManifestResourceStream("ImageExport.Core.Console." + name)
            ?? throw new InvalidOperationException($"the console's {name} is not embedded in this build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed record Page(string Html, string Policy, string ETag);
}
