using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// The SCF (2018-04-16) and tag (2018-08-13) APIs in the form the deploy library calls them: form-encoded <c>POST /</c>
/// signed with HmacSHA1 (docs/reference/deploy.md §5), told apart by the Host header (<c>scf.tencentcloudapi.com</c>,
/// <c>tag.tencentcloudapi.com</c>), reached through the TLS-terminating proxy. Every answer is HTTP 200 with the
/// <c>Response</c> envelope.
/// </summary>
internal sealed class ScfApiEndpoint(
    ScfSignatureV1 signature, ScfFunctionActions functionActions, ScfTriggerActions triggerActions, string region, Serilog.ILogger log)
{
    public const string ScfHost = "scf.tencentcloudapi.com";
    public const string TagHost = "tag.tencentcloudapi.com";
    public const string ScfVersion = "2018-04-16";
    public const string TagVersion = "2018-08-13";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Serilog.ILogger _log = log.ForContext<ScfApiEndpoint>();

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = RequestIds.NewCvm();
        var host = context.Request.Host.Host;
        var action = "";
        JsonObject response;
        try
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType)
            {
                throw new ScfApiException("InvalidParameter", "The emulated SCF and tag APIs take form-encoded POST requests (the older signature the deploy library uses).");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var parameters = new FormParameters(form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
            action = parameters.Required("Action");
            signature.Verify(context.Request.Method, host, context.Request.Path.HasValue ? context.Request.Path.Value! : "/", parameters);
            if (parameters.Get("Region") is { Length: > 0 } asked && asked != region)
            {
                throw new ScfApiException("UnsupportedRegion", $"The emulator serves {region}, not {asked}.");
            }

            response = host switch
            {
                ScfHost => Scf(action, parameters),
                TagHost => Tag(action, parameters),
                _ => throw new ScfApiException("InvalidParameter", $"Host {host} is not an emulated API ({ScfHost}, {TagHost})."),
            };
            _log.Information("SCF API {Host} {Action} {FunctionName} succeeded ({RequestId})", host, action, parameters.Get("FunctionName"), requestId);
        }
        catch (ScfApiException error)
        {
            _log.Information("SCF API {Host} {Action} → {Code}: {Message} ({RequestId})", host, action, error.Code, error.Message, requestId);
            response = new JsonObject { ["Error"] = new JsonObject { ["Code"] = error.Code, ["Message"] = error.Message } };
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            _log.Error(e, "SCF API {Host} {Action} failed ({RequestId})", host, action, requestId);
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

    private JsonObject Scf(string action, FormParameters form)
    {
        Version(form, ScfVersion);
        return action switch
        {
            "GetFunction" => functionActions.GetFunction(form),
            "CreateFunction" => functionActions.CreateFunction(form),
            "UpdateFunctionCode" => functionActions.UpdateFunctionCode(form),
            "UpdateFunctionConfiguration" => functionActions.UpdateFunctionConfiguration(form),
            "GetAlias" => functionActions.GetAlias(form),
            "ListTriggers" => triggerActions.ListTriggers(form),
            "CreateTrigger" => triggerActions.CreateTrigger(form),
            "UpdateTrigger" => triggerActions.UpdateTrigger(form),
            "DeleteTrigger" => triggerActions.DeleteTrigger(form),
            _ => throw new ScfApiException("InvalidAction", $"The SCF action {action} is not emulated."),
        };
    }

    /// <summary>Functions carry no tags here; the deploy library reads them before it changes any.</summary>
    private static JsonObject Tag(string action, FormParameters form)
    {
        Version(form, TagVersion);
        return action switch
        {
            "DescribeResourceTagsByResourceIds" => new JsonObject
            {
                ["Tags"] = new JsonArray(),
                ["TotalCount"] = 0,
                ["Offset"] = form.Int("Offset") ?? 0,
                ["Limit"] = form.Int("Limit") ?? 15,
            },
            _ => throw new ScfApiException("InvalidAction", $"The tag action {action} is not emulated."),
        };
    }

    private static void Version(FormParameters form, string expected)
    {
        var version = form.Required("Version");
        if (version != expected)
        {
            throw new ScfApiException("NoSuchVersion", $"Version {version} is not emulated; this API is {expected}.");
        }
    }
}
