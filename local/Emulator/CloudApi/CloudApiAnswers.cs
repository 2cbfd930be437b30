using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.CloudApi;

/// <summary>
/// The Tencent Cloud API 3.0 answer every emulated API endpoint (CVM, SCF, tag, API gateway) gives: HTTP 200,
/// <c>application/json</c>, <c>{"Response":{…,"RequestId":…}}</c>, an error as <c>Response.Error {Code, Message}</c>
/// (docs/reference/cvm-cos-api.md §4), with a Content-Length and unescaped non-ASCII text, as the real endpoints send.
/// </summary>
internal static class CloudApiAnswers
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Runs <paramref name="execute"/> and answers what it returns; a <see cref="CloudApiException"/> becomes its error,
    /// anything else <c>InternalError</c> (unless the client went away, when there is no one to answer). When
    /// <paramref name="execute"/> returns <c>null</c> it has dealt with the connection itself (an injected fault) and
    /// nothing is written.
    /// </summary>
    public static async Task AnswerAsync(
        HttpContext context,
        Func<HttpContext, CloudApiCall, Task<JsonObject?>> execute,
        Action<CloudApiCall, CloudApiException> rejected,
        Action<CloudApiCall, Exception> failed)
    {
        var call = new CloudApiCall(RequestIds.NewCvm(), context.Request.Host.Host);
        JsonObject response;
        try
        {
            if (await execute(context, call) is not { } answer)
            {
                return;
            }

            response = answer;
        }
        catch (CloudApiException error)
        {
            rejected(call, error);
            response = Error(error.Code, error.Message);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            failed(call, e);
            response = Error("InternalError", "The emulator failed on this request; its log says why.");
        }

        response["RequestId"] = call.RequestId;
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
}
