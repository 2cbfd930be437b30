using System.Text;
using System.Text.Json;
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
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("requestContext");
            json.WriteString("serviceId", api.ServiceId);
            json.WriteString("path", api.Path);
            json.WriteString("httpMethod", request.Method.ToUpperInvariant());
            json.WriteString("requestId", requestId);
            json.WriteStartObject("identity");
            json.WriteEndObject();
            json.WriteString("sourceIp", request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            json.WriteString("stage", api.Environment);
            json.WriteEndObject();

            json.WriteStartObject("headers");
            foreach (var (name, values) in request.Headers)
            {
                json.WriteString(name.ToLowerInvariant(), values.ToString());
            }

            json.WriteString("requestsource", "APIGW");
            json.WriteString("x-api-requestid", requestId);
            json.WriteEndObject();

            if (body.Length > 0)
            {
                json.WriteString("body", Encoding.UTF8.GetString(body));
            }

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
            foreach (var name in new[] { "queryString", "queryStringParameters" })
            {
                json.WriteStartObject(name);
                foreach (var (key, values) in request.Query)
                {
                    // One value as a string, a repeated parameter as an array (scf-go-lib's apigw test data).
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

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
