using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator.Scf;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.ApiGateway;

/// <summary>
/// The API gateway API (version 2018-08-08) as the deploy library calls it: form-encoded <c>POST /</c> to
/// <c>apigateway.tencentcloudapi.com</c> with the same HmacSHA1 signature as SCF (the toolkit's ApiFactory sends
/// every service with <c>isV3: false</c>, lib/utils/api.js), reached through the deploy proxy. Every answer is HTTP 200
/// with the <c>Response</c> envelope; errors carry <c>Response.Error.Code</c> and <c>Message</c> as API 3.0 does.
/// </summary>
internal sealed class ApiGatewayEndpoint(ScfSignatureV1 signature, GatewayActions actions, string region, Serilog.ILogger log)
{
    public const string Host = "apigateway.tencentcloudapi.com";
    public const string Version = "2018-08-08";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Serilog.ILogger _log = log.ForContext<ApiGatewayEndpoint>();

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = RequestIds.NewCvm();
        var action = "";
        JsonObject response;
        try
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
            {
                throw new ScfApiException("InvalidParameter", "The emulated API gateway API takes form-encoded POST requests (the older signature the deploy library uses).");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var parameters = new FormParameters(form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
            action = parameters.Required("Action");
            signature.Verify(context.Request.Method, context.Request.Host.Host, context.Request.Path.HasValue ? context.Request.Path.Value! : "/", parameters);
            if (parameters.Get("Region") is { Length: > 0 } asked && asked != region)
            {
                throw new ScfApiException("UnsupportedRegion", $"The emulator serves {region}, not {asked}.");
            }

            if (parameters.Required("Version") is var version && version != Version)
            {
                throw new ScfApiException("NoSuchVersion", $"Version {version} is not emulated; this API is {Version}.");
            }

            response = Dispatch(action, parameters);
            _log.Information("API gateway {Action} {ServiceId} succeeded ({RequestId})", action, parameters.Get("ServiceId"), requestId);
        }
        catch (ScfApiException error)
        {
            _log.Information("API gateway {Action} → {Code}: {Message} ({RequestId})", action, error.Code, error.Message, requestId);
            response = new JsonObject { ["Error"] = new JsonObject { ["Code"] = error.Code, ["Message"] = error.Message } };
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            _log.Error(e, "API gateway {Action} failed ({RequestId})", action, requestId);
            response = new JsonObject { ["Error"] = new JsonObject { ["Code"] = "InternalError", ["Message"] = "The emulator failed on this request; its log says why." } };
        }

        response["RequestId"] = requestId;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            new JsonObject { ["Response"] = response }.WriteTo(writer);
        }

        context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private JsonObject Dispatch(string action, FormParameters form) => action switch
    {
        "CreateService" => actions.CreateService(form),
        "DescribeService" => actions.DescribeService(form),
        "ModifyService" => actions.ModifyService(form),
        "DescribeServiceUsagePlan" => actions.UsagePlans(form, "ServiceUsagePlanList"),
        "DescribeApiUsagePlan" => actions.UsagePlans(form, "ApiUsagePlanList"),
        "DescribeApisStatus" => actions.DescribeApisStatus(form),
        "CreateApi" => actions.CreateApi(form),
        "ModifyApi" => actions.ModifyApi(form),
        "DescribeApi" => actions.DescribeApi(form),
        "ReleaseService" => actions.ReleaseService(form),
        "DescribeServiceEnvironmentList" => actions.DescribeServiceEnvironmentList(form),
        "DescribeServiceSubDomains" => actions.DescribeServiceSubDomains(form),
        _ => throw new ScfApiException("InvalidAction", $"The API gateway action {action} is not emulated."),
    };
}
