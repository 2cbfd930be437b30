using ImageExport.Local.Stack.Gateway;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Stack.Deployed;

/// <summary>
/// The event the API gateway trigger sends an SCF function (reference/scf.md §3a; Tencent's 触发器事件消息结构汇总,
/// cloud.tencent.com/document/product/583/31927, and the captured ../shared/fixtures/events/apigw-request.json):
/// <c>requestContext</c> (serviceId, the API's path, httpMethod, requestId, identity, sourceIp, stage), lower-cased
/// <c>headers</c> (as real traffic shows them), <c>body</c> when there is one, <c>path</c> as requested after the
/// environment, <c>queryString</c>/<c>queryStringParameters</c>, <c>httpMethod</c>, <c>isBase64Encoded</c> false.
/// </summary>
internal static class ApiGatewayEvent
{
    public static byte[] From(HttpRequest request, byte[] body, DeployedApi api, string path, string requestId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(api);
        return HttpEventJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("requestContext");
            json.WriteString("serviceId", api.ServiceId);
            json.WriteString("path", api.Path);
            json.WriteString("httpMethod", request.Method.ToUpperInvariant());
            json.WriteString("requestId", requestId);
            json.WriteStartObject("identity");
            json.WriteEndObject();
            json.WriteString("sourceIp", HttpEventJson.RemoteAddress(request));
            json.WriteString("stage", api.Environment);
            json.WriteEndObject();

            HttpEventJson.WriteHeaders(json, request, ("requestsource", "APIGW"), ("x-api-requestid", requestId));
            HttpEventJson.WriteBody(json, body);
            json.WriteString("httpMethod", request.Method.ToUpperInvariant());
            json.WriteString("path", path);
            json.WriteBoolean("isBase64Encoded", false);
            json.WriteStartObject("pathParameters");
            json.WriteEndObject();
            json.WriteStartObject("headerParameters");
            json.WriteEndObject();
            json.WriteStartObject("stageVariables");
            json.WriteString("stage", api.Environment);
            json.WriteEndObject();
            HttpEventJson.WriteQuery(json, "queryString", request.Query);
            HttpEventJson.WriteQuery(json, "queryStringParameters", request.Query);
            json.WriteEndObject();
        });
    }
}
