using ImageExport.Local.Emulator;
using Microsoft.AspNetCore.Http;
using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Gateway;

/// <summary>
/// The Function URL in front of the HTTP-triggered function, on the API port: every request becomes a Function URL
/// event, a synchronous invocation, and the integrated response back as HTTP. A function error is a 502 with a JSON
/// error body, as the Function URL answers when the function fails. Paths under <c>/_local/</c> belong to the local
/// stack itself (the notification receiver) and never reach the function.
/// </summary>
internal sealed class FunctionUrlGateway(
    IFunctionInvoker invoker, LocalFunction? function, Func<HttpContext, Task> localRoutes, ILogger logger)
{
    public const string LocalPrefix = "/_local/";

    /// <summary>SCF's limit on a synchronous request event (docs/reference/scf.md §5).</summary>
    public const int MaxBodyBytes = 6 * 1024 * 1024;

    private readonly ILogger _log = logger.ForContext<FunctionUrlGateway>();

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments(LocalPrefix.TrimEnd('/'), StringComparison.Ordinal))
        {
            await localRoutes(context);
            return;
        }

        if (function is null)
        {
            await LocalResponses.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "NoHttpTrigger", "serverless.yml binds no function to an http trigger");
            return;
        }

        var body = await RequestBodies.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await LocalResponses.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"the request body exceeds SCF's synchronous limit of {MaxBodyBytes} bytes");
            return;
        }

        var payload = FunctionUrlEvent.From(context.Request, body);
        // SCF lets a function run on when its caller hangs up, so a disconnect does not cancel the invocation.
        var result = await invoker.InvokeAsync(function, payload, CancellationToken.None);
        if (!result.Succeeded)
        {
            _log.Warning("{Method} {Path}: function {Function} failed: {Error}", context.Request.Method, context.Request.Path.Value, function.Name, result.Error);
            await LocalResponses.ErrorAsync(context, StatusCodes.Status502BadGateway, "FunctionError", $"the function {function.Name} failed: {result.Error}");
            return;
        }

        try
        {
            await IntegratedResponse.WriteAsync(context, result.Body);
        }
        catch (FormatException e) when (!context.Response.HasStarted)
        {
            _log.Warning("{Method} {Path}: function {Function} returned an unusable response: {Error}", context.Request.Method, context.Request.Path.Value, function.Name, e.Message);
            context.Response.Headers.Clear();
            await LocalResponses.ErrorAsync(context, StatusCodes.Status502BadGateway, "InvalidFunctionResponse", "the function's response body is marked isBase64Encoded but is not base64");
        }
    }
}
