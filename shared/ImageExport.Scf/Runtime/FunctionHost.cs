using System.Globalization;
using ImageExport.Configuration;
using ImageExport.Scf.ImageFunction;
using Serilog;

namespace ImageExport.Scf.Runtime;

/// <summary>
/// Runs a function the way SCF calls it. <c>IMAGEEXPORT_HOST_MODE=image</c> (set by deploy/Dockerfile): image mode, an
/// HTTP server on port 9000 answering <c>POST /event-invoke</c>. Otherwise the custom-runtime loop against
/// <c>http://$SCF_RUNTIME_API:$SCF_RUNTIME_API_PORT</c>, which SCF documents for custom runtimes. No document says
/// whether SCF_RUNTIME_API is absent inside an image function, so its absence never selects image mode.
/// </summary>
public static class FunctionHost
{
    /// <summary>The variable that chooses the mode: <c>image</c> or <c>custom-runtime</c> (the default).</summary>
    public const string ModeVariable = "IMAGEEXPORT_HOST_MODE";

    // Tencent does not document a default; other custom runtimes fall back to this one.
    private const string DefaultRuntimeApiPort = "9001";

    /// <summary>Serves <paramref name="handler"/> until <paramref name="cancellationToken"/> fires or the platform fails.</summary>
    /// <returns>The process exit code, one of <see cref="FunctionExitCodes"/>.</returns>
    public static Task<int> RunAsync(IFunctionHandler handler, FunctionHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync(() => handler, options, cancellationToken);
    }

    /// <summary>
    /// Builds the handler once (SCF's initialisation phase: before <c>/runtime/init/ready</c>, or before the image
    /// server listens), then serves it. A throwing <paramref name="initialize"/> is logged and ends the process
    /// with <see cref="FunctionExitCodes.InitializationFailed"/>.
    /// </summary>
    /// <returns>The process exit code, one of <see cref="FunctionExitCodes"/>.</returns>
    public static async Task<int> RunAsync(Func<IFunctionHandler> initialize, FunctionHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        ArgumentNullException.ThrowIfNull(options);
        var logger = (options.Logger ?? Log.Logger).ForContext("SourceContext", typeof(FunctionHost).FullName);
        var instance = ScfEnvironment.Read(options.GetEnvironmentVariable);
        var variables = new EnvironmentReader(options.GetEnvironmentVariable);
        var mode = variables.String(ModeVariable);
        if (mode is not (null or "image" or "custom-runtime"))
        {
            logger.Fatal("{Variable} is '{Mode}'; expected image or custom-runtime", ModeVariable, mode);
            return FunctionExitCodes.InitializationFailed;
        }

        var imageMode = mode == "image";
        if (!imageMode && variables.String(ScfVariables.RuntimeApi) is null)
        {
            logger.Fatal(
                "SCF_RUNTIME_API is not set, so this is not a custom runtime; an image function must say so with {Variable}=image (deploy/Dockerfile sets it)",
                ModeVariable);
            return FunctionExitCodes.RuntimeApiFailed;
        }

        IFunctionHandler handler;
        try
        {
            handler = initialize();
        }
        catch (Exception e)
        {
            logger.Fatal(e, "Initialisation failed for handler {Handler}", instance.Handler);
            return FunctionExitCodes.InitializationFailed;
        }

        var runner = new InvocationRunner(handler, options, logger);
        if (imageMode)
        {
            // Whatever SCF_RUNTIME_API says: the container chose this mode.
            var server = new ImageServer(runner, instance, options, logger);
            return await server.RunAsync(ImagePort(options, logger), cancellationToken).ConfigureAwait(false);
        }

        Uri runtimeApi;
        try
        {
            runtimeApi = RuntimeApiUri(options.GetEnvironmentVariable, logger)!;
        }
        catch (UriFormatException e)
        {
            logger.Fatal(e, "SCF_RUNTIME_API and SCF_RUNTIME_API_PORT do not form an address");
            return FunctionExitCodes.RuntimeApiFailed;
        }

        using var http = CreateRuntimeClient();
        var api = new RuntimeApiClient(http, runtimeApi, options.TimeProvider);
        var loop = new RuntimeLoop(api, runner, instance, options, logger);
        return await loop.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    // One client for the life of the process. No client timeout: `next` long-polls until SCF has an event, and
    // Tencent asks runtimes not to time it out. Proxies are ignored: the runtime API is on the instance's network.
    private static HttpClient CreateRuntimeClient() =>
        new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    internal static Uri? RuntimeApiUri(Func<string, string?> getEnvironment, ILogger logger)
    {
        var variables = new EnvironmentReader(getEnvironment);
        var host = variables.String(ScfVariables.RuntimeApi);
        if (host is null)
        {
            return null;
        }

        if (host.Contains("://", StringComparison.Ordinal))
        {
            return new Uri(host.TrimEnd('/') + "/");
        }

        var port = variables.String(ScfVariables.RuntimeApiPort);
        if (port is null)
        {
            if (host.Contains(':', StringComparison.Ordinal))
            {
                return new Uri($"http://{host}/");
            }

            logger.Warning("SCF_RUNTIME_API_PORT is not set; trying port {Port}", DefaultRuntimeApiPort);
            port = DefaultRuntimeApiPort;
        }
        return new Uri($"http://{host}:{port}/");
    }

    private static int ImagePort(FunctionHostOptions options, ILogger logger)
    {
        if (options.ImagePort is { } port)
        {
            return port;
        }

        var configured = new EnvironmentReader(options.GetEnvironmentVariable).String(ScfVariables.ImagePort);
        if (configured is null)
        {
            return ImageServer.DefaultPort;
        }

        if (int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536)
        {
            return port;
        }

        logger.Warning("SCF_IMAGE_PORT {Value} is not a port; using {Port}", configured, ImageServer.DefaultPort);
        return ImageServer.DefaultPort;
    }
}
