using ImageExport.Local;
using ImageExport.Local.Stack;
using Serilog;

namespace ImageExport.Testing.Stack;

/// <summary>
/// The whole local stack in process, as <c>dotnet run --project local</c> starts it (in-process functions wired from
/// serverless.yml), on free ports over a fresh state directory; every log event from <see cref="TestStackOptions.LogLevel"/>
/// up is kept. Disposing it stops every listener and deletes the directory.
/// </summary>
internal sealed class TestStack(LocalSession session, LocalOptions options, RunningStack running, CollectingSink log) : IAsyncDisposable
{
    private bool _stopped;

    public LocalSession Session { get; } = session;

    /// <summary>The session's options as the stack started with them (its state directory, its API port).</summary>
    public LocalOptions Options { get; } = options;

    public RunningStack Running { get; } = running;

    public string StateDirectory => Options.StateDirectory;

    public CollectingSink Log { get; } = log;

    /// <summary>The HTTP API's address, as the banner prints it.</summary>
    public string ApiUrl => Session.Endpoints.Api;

    /// <summary>The web console's address, as the banner prints it.</summary>
    public string ConsoleUrl => Banner.ConsoleUrl(ApiUrl);

    public string Token => Session.Endpoints.ApiToken;

    public string Bucket => Session.Endpoints.Bucket;

    /// <param name="name">How the state directory's name begins, so a folder left behind says which tests left it.</param>
    public static Task<TestStack> StartAsync(string name, TestStackOptions? options = null) =>
        StartAsync(name, _ => options ?? new TestStackOptions());

    /// <param name="name">How the state directory's name begins, so a folder left behind says which tests left it.</param>
    /// <param name="options">The options, given the fresh state directory: for files a test writes there first (a catalog, a serverless.yml).</param>
    public static async Task<TestStack> StartAsync(string name, Func<string, TestStackOptions> options)
    {
        var stateDirectory = Directory.CreateTempSubdirectory(name).FullName;
        var chosen = options(stateDirectory);
        var local = chosen.Local with { StateDirectory = stateDirectory, ApiPort = FreePort.Pick(), CvmPort = 0, CosPort = 0 };
        var stack = new LocalStack(chosen.Stack with { ServerlessFile = chosen.Stack.ServerlessFile ?? RepositoryFiles.ServerlessYml });
        var log = new CollectingSink();
        var logger = new LoggerConfiguration().MinimumLevel.Is(chosen.LogLevel).WriteTo.Sink(log).CreateLogger();
        try
        {
            var session = await LocalSession.StartAsync(local, stack, logger, CancellationToken.None);
            return new TestStack(session, local, stack.Running!, log);
        }
        catch
        {
            // A stack that did not start (a serverless.yml a test made wrong on purpose) leaves no folder behind.
            Directory.Delete(stateDirectory, recursive: true);
            throw;
        }
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
        KeepLog();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A late writer in the temp folder is no test failure.
        }
    }

    /// <summary>
    /// With <c>IMAGEEXPORT_TEST_LOG_DIR</c> set, the whole log this stack kept goes to <c>&lt;dir&gt;/&lt;state folder&gt;.log</c>,
    /// one timestamped event a line: for a run that failed once in many (a failure message holds only the last problems).
    /// </summary>
    private void KeepLog()
    {
        if (Environment.GetEnvironmentVariable("IMAGEEXPORT_TEST_LOG_DIR") is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Path.GetFileName(StateDirectory) + ".log");
        File.WriteAllLines(path, Log.Events.Select(e => $"{e.Timestamp.UtcDateTime:HH:mm:ss.fff} {e.Level} {CollectingSink.Render(e)}"));
    }
}
