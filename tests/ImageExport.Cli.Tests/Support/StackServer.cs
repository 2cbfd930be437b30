using ImageExport.Local;
using ImageExport.Local.Stack;

namespace ImageExport.Cli.Tests.Support;

/// <summary>
/// The local stack in process, as <c>dotnet run --project local</c> starts it (demo catalog, the repository's
/// serverless.yml, in-process functions), on free ports over a fresh state directory.
/// </summary>
internal sealed class StackServer : IAsyncDisposable
{
    private readonly string _stateDirectory;
    private bool _stopped;

    private StackServer(LocalSession session, string stateDirectory)
    {
        Session = session;
        _stateDirectory = stateDirectory;
    }

    public LocalSession Session { get; }

    public string Url => Session.Endpoints.Api;

    public string Token => Session.Endpoints.ApiToken;

    public string Bucket => Session.Endpoints.Bucket;

    /// <param name="exportSecondsPerGib">How long an emulated export takes per GiB (the demo Linux image has 20 GiB).</param>
    public static async Task<StackServer> StartAsync(double exportSecondsPerGib = 0.02)
    {
        var stateDirectory = Directory.CreateTempSubdirectory("imageexport-cli-test-").FullName;
        var options = new LocalOptions
        {
            StateDirectory = stateDirectory,
            ApiPort = FreePort.Pick(),
            CvmPort = 0,
            CosPort = 0,
            ExportSecondsPerGib = exportSecondsPerGib,
        };
        var stack = new LocalStack(new LocalStackOptions
        {
            ServerlessFile = RepositoryFiles.ServerlessYml,
            AsyncRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)],
        });
        var log = new Serilog.LoggerConfiguration().MinimumLevel.Warning().CreateLogger();
        var session = await LocalSession.StartAsync(options, stack, log, CancellationToken.None);
        return new StackServer(session, stateDirectory);
    }

    /// <summary>Stops every listener: from now on a client gets "connection refused".</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Session.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A late writer in the temp folder is no test failure.
        }
    }

}
