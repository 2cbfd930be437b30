using System.Text.Json.Nodes;
using ImageExport.Local.Emulator.CloudApi;
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

    private readonly Serilog.ILogger _log = log.ForContext<ApiGatewayEndpoint>();

    public Task HandleAsync(HttpContext context) => CloudApiAnswers.AnswerAsync(context, ExecuteAsync, Rejected, Failed);

    private async Task<JsonObject?> ExecuteAsync(HttpContext context, CloudApiCall call)
    {
        var parameters = await SignedForms.ReadAsync(context, call, signature, region,
            "The emulated API gateway API takes form-encoded POST requests (the older signature the deploy library uses).");
        parameters.RequireVersion(Version);
        var response = Dispatch(call.Action, parameters);
        _log.Information("API gateway {Action} {ServiceId} succeeded ({RequestId})", call.Action, parameters.Get("ServiceId"), call.RequestId);
        return response;
    }

    private void Rejected(CloudApiCall call, CloudApiException error) =>
        _log.Information("API gateway {Action} → {Code}: {Message} ({RequestId})", call.Action, error.Code, error.Message, call.RequestId);

    private void Failed(CloudApiCall call, Exception error) =>
        _log.Error(error, "API gateway {Action} failed ({RequestId})", call.Action, call.RequestId);

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
