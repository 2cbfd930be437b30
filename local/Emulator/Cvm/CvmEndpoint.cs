using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.Cvm;

/// <summary>The CVM API 3.0 endpoint: <c>POST /</c>, JSON, TC3-signed; every answer is HTTP 200 with the Response envelope.</summary>
internal sealed class CvmEndpoint(
    Tc3Authenticator authenticator, DescribeImagesAction describeImages, ExportImagesAction exportImages, EmulatorCounters counters,
    string region, Serilog.ILogger log, FaultInjector? faults = null)
{
    public const string Version = "2017-03-12";
    private const int MaxBodyBytes = 1 << 20;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Serilog.ILogger _log = log.ForContext<CvmEndpoint>();

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = RequestIds.NewCvm();
        var action = context.Request.Headers["X-TC-Action"].FirstOrDefault() ?? "";
        JsonObject response;
        try
        {
            var body = await ReadBodyAsync(context);
            authenticator.Verify(context.Request, body);
            var fault = faults is null ? FaultKind.None : await faults.BeforeCvmAsync(context, action);
            if (fault == FaultKind.Timeout)
            {
                return;
            }

            response = Execute(context.Request, action, body);
            if (fault == FaultKind.LostAnswer)
            {
                context.Abort();
                return;
            }

            _log.Information("CVM {Action} succeeded ({RequestId})", action, requestId);
        }
        catch (CvmApiException error)
        {
            _log.Information("CVM {Action} → {Code}: {Message} ({RequestId})", action, error.Code, error.Message, requestId);
            response = Error(error.Code, error.Message);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            _log.Error(e, "CVM {Action} failed ({RequestId})", action, requestId);
            response = Error("InternalError", "The emulator failed on this request; its log says why.");
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

    private static JsonObject Error(string code, string message) =>
        new() { ["Error"] = new JsonObject { ["Code"] = code, ["Message"] = message } };

    private JsonObject Execute(HttpRequest request, string action, ReadOnlyMemory<byte> body)
    {
        if (action.Length == 0)
        {
            throw new CvmApiException("MissingParameter", "The request is missing a required header `X-TC-Action`.");
        }

        counters.Action(action);
        if (action is not ("DescribeImages" or "ExportImages"))
        {
            throw new CvmApiException("InvalidAction", $"The action `{action}` is not supported by the emulator (DescribeImages, ExportImages).");
        }

        var version = request.Headers["X-TC-Version"].FirstOrDefault();
        if (string.IsNullOrEmpty(version))
        {
            throw new CvmApiException("MissingParameter", "The request is missing a required header `X-TC-Version`.");
        }

        if (version != Version)
        {
            throw new CvmApiException("NoSuchVersion", $"The API version `{version}` does not exist; CVM is {Version}.");
        }

        var requestRegion = request.Headers["X-TC-Region"].FirstOrDefault();
        if (string.IsNullOrEmpty(requestRegion))
        {
            throw new CvmApiException("MissingParameter", "The request is missing a required header `X-TC-Region`.");
        }

        if (requestRegion != region)
        {
            throw new CvmApiException("InvalidRegion.NotFound", $"The region `{requestRegion}` is not served here; the emulator is {region}.");
        }

        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new CvmApiException("InvalidRequest", "The emulator accepts only POST requests with Content-Type application/json.");
        }

        var parameters = new CvmParameters(ParseObject(body));
        return action == "DescribeImages" ? describeImages.Execute(parameters) : exportImages.Execute(parameters);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw new CvmApiException("InvalidRequest", "The emulator accepts only POST requests with Content-Type application/json.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new CvmApiException("RequestSizeLimitExceeded", "The request body is larger than the limit.");
            }
        }

        return buffer.ToArray();
    }

    private static JsonObject ParseObject(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(body.Span) as JsonObject
                ?? throw new CvmApiException("InvalidParameter", "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CvmApiException("InvalidParameter", $"The request body is not valid JSON: {e.Message}");
        }
    }
}
