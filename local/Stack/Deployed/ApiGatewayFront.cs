using ImageExport.Local.Emulator;
using ImageExport.Local.Stack.Gateway;
using Microsoft.AspNetCore.Http;
using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Deployed;

/// <summary>
/// The deployed API gateway service in front of its functions, on the API port (<c>--wiring deployed</c>): a request
/// for <c>/&lt;environment&gt;/&lt;path&gt;</c> (the form of the service's default domain,
/// <c>https://service-….apigateway.myqcloud.com/release/…</c>) reaches the API released there as an API gateway event,
/// <c>path</c> being what follows the environment. With integrated response on, the function's answer is unpacked as
/// the Function URL does; off (how multi-scf deploys it), the gateway answers 200 with the function's return value as
/// the body. The released APIs are read on every request, so a release takes effect at once. Anything else (the
/// Function URL, <c>/_local/</c>) goes to <paramref name="next"/>.
/// </summary>
internal sealed class ApiGatewayFront(
    IFunctionInvoker invoker, IReadOnlyDictionary<string, LocalFunction> functions, string stateDirectory, Func<HttpContext, Task> next, ILogger logger)
{
    private static readonly string[] Environments = ["test", "prepub", "release"];
    private readonly ILogger _log = logger.ForContext<ApiGatewayFront>();
    private readonly HashSet<string> _names = [.. functions.Keys];

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requested = context.Request.Path.HasValue ? context.Request.Path.Value! : "/";
        var segments = requested.Split('/', 3);
        var environment = segments.Length > 1 ? segments[1] : "";
        var apis = Environments.Contains(environment, StringComparer.Ordinal) ? DeployedApis.Read(stateDirectory, _names) : [];
        if (!apis.Any(a => a.Environment == environment))
        {
            await next(context);
            return;
        }

        var path = segments.Length > 2 ? "/" + segments[2] : "/";
        if (DeployedApis.Route(apis, environment, context.Request.Method, path) is not { } api)
        {
            // What Tencent's gateway answers here is not documented; the stack answers in its own error shape.
            await LocalResponses.ErrorAsync(context, StatusCodes.Status404NotFound, "NoApi", $"no API released to {environment} serves {context.Request.Method} {path}");
            return;
        }

        var body = await RequestBodies.ReadAsync(context.Request, FunctionUrlGateway.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await LocalResponses.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"the request body exceeds SCF's synchronous limit of {FunctionUrlGateway.MaxBodyBytes} bytes");
            return;
        }

        var function = functions[api.Function];
        var payload = ApiGatewayEvent.From(context.Request, body, api, path, Guid.NewGuid().ToString("N"));
        var result = await invoker.InvokeAsync(function, payload, CancellationToken.None);
        if (!result.Succeeded)
        {
            _log.Warning("API gateway {Method} {Path}: function {Function} failed: {Error}", context.Request.Method, requested, function.Name, result.Error);
            await LocalResponses.ErrorAsync(context, StatusCodes.Status502BadGateway, "FunctionError", $"the function {function.Name} failed: {result.Error}");
            return;
        }

        if (api.IntegratedResponse)
        {
            try
            {
                await IntegratedResponse.WriteAsync(context, result.Body);
            }
            catch (FormatException) when (!context.Response.HasStarted)
            {
                context.Response.Headers.Clear();
                await LocalResponses.ErrorAsync(context, StatusCodes.Status502BadGateway, "InvalidFunctionResponse", "the function's response body is marked isBase64Encoded but is not base64");
            }

            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentType(api.ResponseType);
        context.Response.ContentLength = result.Body.Length;
        await context.Response.Body.WriteAsync(result.Body, context.RequestAborted);
    }

    // The API's ResponseType (HTML by default in the deploy library) as the answer's type: a guess, in local/README.md.
    private static string ContentType(string? responseType) => responseType?.ToUpperInvariant() switch
    {
        "JSON" => "application/json",
        "XML" => "application/xml",
        "TEXT" => "text/plain; charset=utf-8",
        "BINARY" => "application/octet-stream",
        _ => "text/html; charset=utf-8",
    };
}
