using ImageExport.Local;
using ImageExport.Local.Stack;

namespace ImageExport.Console.Tests.Support;

/// <summary>
/// The local stack as <c>dotnet run --project local</c> starts it (demo catalog, the repository's serverless.yml,
/// in-process functions), on free ports over a fresh state directory. Exports run at 0.1 s per GiB unless told
/// otherwise, so a 30 GiB demo image takes about 3 s: long enough to see it running, short enough for a test.
/// </summary>
internal sealed class ConsoleStack : IAsyncDisposable
{
    private readonly string _stateDirectory;

    private ConsoleStack(LocalSession session, string stateDirectory)
    {
        Session = session;
        _stateDirectory = stateDirectory;
    }

    public LocalSession Session { get; }

    /// <summary>The console's address, as the banner prints it.</summary>
    public string ConsoleUrl => Banner.ConsoleUrl(Session.Endpoints.Api);

    public string Token => Session.Endpoints.ApiToken;

    public string Bucket => Session.Endpoints.Bucket;

    public static async Task<ConsoleStack> StartAsync(double exportSecondsPerGib = 0.1)
    {
        var stateDirectory = Directory.CreateTempSubdirectory("console-test-").FullName;
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
            ServerlessFile = Path.Combine(RepositoryRoot(), "serverless.yml"),
            AsyncRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)],
        });
        var logger = new Serilog.LoggerConfiguration().MinimumLevel.Warning().CreateLogger();
        var session = await LocalSession.StartAsync(options, stack, logger, CancellationToken.None);
        return new ConsoleStack(session, stateDirectory);
    }

    /// <summary>The first <paramref name="count"/> bytes of an object, read from the emulated COS's own storage.</summary>
    public byte[] StoredPrefix(string key, int count)
    {
        var (_, content) = Session.Emulator.Cos.Storage.OpenObject(Bucket, key);
        using var _ = content;
        var buffer = new byte[count];
        content.ReadExactly(buffer);
        return buffer;
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        Directory.Delete(_stateDirectory, recursive: true);
    }


    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ImageExport.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("ImageExport.sln not found above " + AppContext.BaseDirectory);
    }
}
