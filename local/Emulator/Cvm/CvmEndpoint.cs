using System.Text.Json;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator.CloudApi;
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

    private readonly Serilog.ILogger _log = log.ForContext<CvmEndpoint>();

    public Task HandleAsync(HttpContext context) => CloudApiAnswers.AnswerAsync(context, ExecuteAsync, Rejected, Failed);

    /// <summary>The answer, or <c>null</c> when an injected fault keeps it back (a timeout, or a connection cut after the work was done).</summary>
    private async Task<JsonObject?> ExecuteAsync(HttpContext context, CloudApiCall call)
    {
        call.Action = context.Request.Headers["X-TC-Action"].FirstOrDefault() ?? "";
        var body = await ReadBodyAsync(context);
        authenticator.Verify(context.Request, body);
        var fault = faults is null ? FaultKind.None : await faults.BeforeCvmAsync(context, call.Action);
        if (fault == FaultKind.Timeout)
        {
            return null;
        }

        var response = Execute(context.Request, call.Action, body);
        if (fault == FaultKind.LostAnswer)
        {
            context.Abort();
            return null;
        }

        _log.Information("CVM {Action} succeeded ({RequestId})", call.Action, call.RequestId);
        return response;
    }

    private void Rejected(CloudApiCall call, CloudApiException error) =>
        _log.Information("CVM {Action} → {Code}: {Message} ({RequestId})", call.Action, error.Code, error.Message, call.RequestId);

    private void Failed(CloudApiCall call, Exception error) =>
        _log.Error(error, "CVM {Action} failed ({RequestId})", call.Action, call.RequestId);

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

        return await RequestBodies.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted)
            ?? throw new CvmApiException("RequestSizeLimitExceeded", "The request body is larger than the limit.");
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
