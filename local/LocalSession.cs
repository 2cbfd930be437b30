using System.Security.Cryptography;
using System.Text.Json;
using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.Cvm;

namespace ImageExport.Local;

/// <summary>
/// One run of the local stack: the emulator, then the functions (through <see cref="ILocalStackPlugin"/>), then
/// <c>endpoints.json</c>. Disposing stops them in reverse order and removes endpoints.json.
/// </summary>
internal sealed class LocalSession : IAsyncDisposable
{
    private readonly IAsyncDisposable? _stack;
    private readonly IAsyncDisposable? _deploy;
    private readonly string _endpointsPath;

    private LocalSession(EmulatorHost emulator, IAsyncDisposable? stack, IAsyncDisposable? deploy, LocalEndpoints endpoints, string endpointsPath)
    {
        Emulator = emulator;
        _stack = stack;
        _deploy = deploy;
        Endpoints = endpoints;
        _endpointsPath = endpointsPath;
    }

    public EmulatorHost Emulator { get; }

    public LocalEndpoints Endpoints { get; }

    /// <exception cref="FormatException">The <c>--images</c> file cannot be used (its message says why).</exception>
    public static async Task<LocalSession> StartAsync(LocalOptions options, ILocalStackPlugin? stack, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        var stateDirectory = Path.GetFullPath(options.StateDirectory);
        Directory.CreateDirectory(stateDirectory);
        // A file left by an earlier run would tell waiting tools the stack is up before it is.
        var endpointsPath = Path.Combine(stateDirectory, LocalEndpoints.FileName);
        File.Delete(endpointsPath);

        var images = options.ImagesFile is null ? DemoCatalog.Images() : ReadImages(options.ImagesFile);
        var emulator = await EmulatorHost.StartAsync(
            new EmulatorOptions
            {
                StateDirectory = stateDirectory,
                CvmPort = options.CvmPort,
                CosPort = options.CosPort,
                Images = images,
                ExportSecondsPerGib = options.ExportSecondsPerGib,
                ExportNaming = options.ExportNaming,
                CosEventNames = options.CosEventNames,
                RunningExportLimit = options.ExportLimit,
                Faults = options.Faults ?? (options.FaultsFile is { } faults ? ImageExport.Local.Emulator.Faults.FaultPlan.ReadFile(faults) : null),
                Logger = log,
            },
            cancellationToken);

        IAsyncDisposable? started = null;
        IAsyncDisposable? deploy = null;
        try
        {
            if (options.DeployProxyPort is { } proxyPort)
            {
                deploy = await ImageExport.Local.Emulator.Scf.DeployApi.StartAsync(emulator, proxyPort, log, cancellationToken);
            }

            var apiUrl = new Uri($"http://127.0.0.1:{options.ApiPort}");
            var apiToken = LoadOrCreateApiToken(stateDirectory);
            if (stack is not null)
            {
                started = await stack.StartAsync(new LocalStackContext(options, emulator, apiUrl, apiToken, log), cancellationToken);
            }

            var endpoints = new LocalEndpoints(
                apiUrl.ToString().TrimEnd('/'), emulator.CvmEndpoint.ToString().TrimEnd('/'), emulator.CosEndpoint.ToString().TrimEnd('/'),
                emulator.Region, emulator.AppId, emulator.DefaultBucket, emulator.Credentials.SecretId, emulator.Credentials.SecretKey, apiToken);
            StateFiles.Write(endpointsPath, endpoints, LocalJsonContext.Default.LocalEndpoints, secret: true);
            return new LocalSession(emulator, started, deploy, endpoints, endpointsPath);
        }
        catch
        {
            if (started is not null)
            {
                await started.DisposeAsync();
            }

            if (deploy is not null)
            {
                await deploy.DisposeAsync();
            }

            await emulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        File.Delete(_endpointsPath);
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        if (_deploy is not null)
        {
            await _deploy.DisposeAsync();
        }

        await Emulator.DisposeAsync();
    }

    private static System.Text.Json.Nodes.JsonArray ReadImages(string path)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"--images: {path} does not exist");
        }

        var images = ImageCatalog.ReadFile(path);
        try
        {
            _ = new ImageCatalog(images);
        }
        catch (FormatException e)
        {
            throw new FormatException($"--images: {path}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new FormatException($"--images: {path}: {e.Message}", e);
        }

        return images;
    }

    private static string LoadOrCreateApiToken(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, "api-token");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return token;
    }
}
