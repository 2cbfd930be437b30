using System.Text.Json.Nodes;
using ImageExport.Local.Emulator.CloudApi;
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

    private readonly Serilog.ILogger _log = log.ForContext<ScfApiEndpoint>();

    public Task HandleAsync(HttpContext context) => CloudApiAnswers.AnswerAsync(context, ExecuteAsync, Rejected, Failed);

    private async Task<JsonObject?> ExecuteAsync(HttpContext context, CloudApiCall call)
    {
        var parameters = await SignedForms.ReadAsync(context, call, signature, region,
            "The emulated SCF and tag APIs take form-encoded POST requests (the older signature the deploy library uses).");
        var response = call.Host switch
        {
            ScfHost => Scf(call.Action, parameters),
            TagHost => Tag(call.Action, parameters),
            _ => throw new ScfApiException("InvalidParameter", $"Host {call.Host} is not an emulated API ({ScfHost}, {TagHost})."),
        };
        _log.Information("SCF API {Host} {Action} {FunctionName} succeeded ({RequestId})", call.Host, call.Action, parameters.Get("FunctionName"), call.RequestId);
        return response;
    }

    private void Rejected(CloudApiCall call, CloudApiException error) =>
        _log.Information("SCF API {Host} {Action} → {Code}: {Message} ({RequestId})", call.Host, call.Action, error.Code, error.Message, call.RequestId);

    private void Failed(CloudApiCall call, Exception error) =>
        _log.Error(error, "SCF API {Host} {Action} failed ({RequestId})", call.Host, call.Action, call.RequestId);

    private JsonObject Scf(string action, FormParameters form)
    {
        form.RequireVersion(ScfVersion);
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
        form.RequireVersion(TagVersion);
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
}
