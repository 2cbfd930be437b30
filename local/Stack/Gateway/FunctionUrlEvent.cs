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
        return HttpEventJson.Write(json =>
        {
            json.WriteStartObject();
            HttpEventJson.WriteBody(json, body);
            HttpEventJson.WriteHeaders(json, request, ("x-scf-remote-addr", HttpEventJson.RemoteAddress(request)));
            json.WriteString("httpMethod", request.Method.ToUpperInvariant());
            json.WriteString("path", request.Path.HasValue ? request.Path.Value : "/");
            HttpEventJson.WriteQuery(json, "queryString", request.Query);
            json.WriteEndObject();
        });
    }
}
