using System.Text.Json.Nodes;
using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.TencentCloud;
using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Credentials;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Local.Tests.Emulator;

/// <summary>The local stack as <c>dotnet run --project local</c> starts it, minus the process.</summary>
public sealed class LocalSessionTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("local-session-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private LocalOptions Options(string? images = null) =>
        new() { StateDirectory = _state, CvmPort = 0, CosPort = 0, ApiPort = 0, ImagesFile = images, ExportSecondsPerGib = 0.001 };

    [Fact]
    public async Task EndpointsJsonSaysWhereEverythingIsAndWithWhichKeys()
    {
        await using (var session = await LocalSession.StartAsync(Options(), null, Serilog.Core.Logger.None, CancellationToken.None))
        {
            var endpoints = JsonNode.Parse(File.ReadAllText(Path.Combine(_state, "endpoints.json")))!.AsObject();

            Assert.Equal(
                ["api", "apiToken", "appId", "bucket", "cos", "cvm", "region", "secretId", "secretKey"],
                endpoints.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal(session.Emulator.CvmEndpoint.ToString().TrimEnd('/'), endpoints["cvm"]!.GetValue<string>());
            Assert.Equal("imageexport-1250000000", endpoints["bucket"]!.GetValue<string>());
            Assert.Equal("ap-guangzhou", endpoints["region"]!.GetValue<string>());

            var cvm = Client(endpoints);
            var demo = await cvm.DescribeImagesAsync(new DescribeImagesRequest { Limit = 100 }, CancellationToken.None);
            Assert.Equal(DemoCatalog.Descriptions.Select(d => d.ImageId).Order(), demo.ImageSet.Select(i => i.ImageId).Order());
        }

        Assert.False(File.Exists(Path.Combine(_state, "endpoints.json")), "a stopped stack leaves no endpoints.json behind");
    }

    [Fact]
    public async Task TheApiTokenIsKeptAcrossRuns()
    {
        string first;
        await using (var session = await LocalSession.StartAsync(Options(), null, Serilog.Core.Logger.None, CancellationToken.None))
        {
            first = session.Endpoints.ApiToken;
        }

        await using var again = await LocalSession.StartAsync(Options(), null, Serilog.Core.Logger.None, CancellationToken.None);
        Assert.Equal(first, again.Endpoints.ApiToken);
        Assert.True(first.Length >= 32);
    }

    [Fact]
    public async Task AnImagesFileReplacesTheDemoCatalog()
    {
        var path = Path.Combine(_state, "catalog.json");
        File.WriteAllText(path, Some.Catalog(Some.Image("img-fromfile"), Some.Image("img-another1", platform: "Windows")).ToJsonString());

        await using var session = await LocalSession.StartAsync(Options(path), null, Serilog.Core.Logger.None, CancellationToken.None);
        var cvm = Client(JsonNode.Parse(File.ReadAllText(Path.Combine(_state, "endpoints.json")))!.AsObject());

        var all = await cvm.DescribeImagesAsync(new DescribeImagesRequest(), CancellationToken.None);
        Assert.Equal(["img-another1", "img-fromfile"], all.ImageSet.Select(i => i.ImageId).Order());
        var code = await TestEmulator.CvmErrorAsync(() =>
            cvm.ExportImagesAsync(new ExportImagesRequest { BucketName = session.Endpoints.Bucket, ImageIds = ["img-another1"] }, CancellationToken.None));
        Assert.Equal("UnsupportedOperation.WindowsImageExportUnsupported", code);
    }

    [Fact]
    public async Task ADescribeImagesAnswerCanServeAsTheImagesFile()
    {
        var path = Path.Combine(_state, "captured.json");
        File.WriteAllText(path, new JsonObject { ["Response"] = new JsonObject { ["ImageSet"] = Some.Catalog(Some.Image("img-captured")), ["TotalCount"] = 1 } }.ToJsonString());

        await using var session = await LocalSession.StartAsync(Options(path), null, Serilog.Core.Logger.None, CancellationToken.None);

        Assert.Equal("img-captured", Assert.Single((await Client(session).DescribeImagesAsync(new DescribeImagesRequest(), CancellationToken.None)).ImageSet).ImageId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"images":[]}""")]
    [InlineData("""[{"ImageName":"no id"}]""")]
    public async Task AnUnusableImagesFileIsAClearError(string content)
    {
        var path = Path.Combine(_state, "bad.json");
        File.WriteAllText(path, content);

        var error = await Assert.ThrowsAsync<FormatException>(() => LocalSession.StartAsync(Options(path), null, Serilog.Core.Logger.None, CancellationToken.None));

        Assert.Contains("bad.json", error.Message);
    }

    [Fact]
    public async Task TheStackPluginStartsAfterTheEmulatorAndStopsBeforeIt()
    {
        var plugin = new RecordingPlugin();

        await using (var session = await LocalSession.StartAsync(Options(), plugin, Serilog.Core.Logger.None, CancellationToken.None))
        {
            Assert.NotNull(plugin.Context);
            Assert.Equal(session.Endpoints.ApiToken, plugin.Context!.ApiToken);
            Assert.Equal(session.Emulator, plugin.Context.Emulator);
        }

        Assert.True(plugin.StoppedWhileEmulatorRan);
    }

    private static CvmClient Client(JsonObject endpoints) =>
        new(new HttpClient(), new FixedCredentials(new TencentCredentials(endpoints["secretId"]!.GetValue<string>(), endpoints["secretKey"]!.GetValue<string>())),
            new TencentCloudSettings { Region = endpoints["region"]!.GetValue<string>(), CvmEndpoint = new Uri(endpoints["cvm"]!.GetValue<string>()) },
            TimeProvider.System, Serilog.Core.Logger.None, new RetryOptions { MaxAttempts = 1 });

    private static CvmClient Client(LocalSession session) =>
        new(new HttpClient(), new FixedCredentials(session.Emulator.Credentials),
            new TencentCloudSettings { Region = session.Endpoints.Region, CvmEndpoint = session.Emulator.CvmEndpoint },
            TimeProvider.System, Serilog.Core.Logger.None, new RetryOptions { MaxAttempts = 1 });

    private sealed class RecordingPlugin : ILocalStackPlugin
    {
        public LocalStackContext? Context { get; private set; }

        public bool StoppedWhileEmulatorRan { get; private set; }

        public Task<IAsyncDisposable> StartAsync(LocalStackContext context, CancellationToken cancellationToken)
        {
            Context = context;
            return Task.FromResult<IAsyncDisposable>(new Stopper(this));
        }

        private sealed class Stopper(RecordingPlugin owner) : IAsyncDisposable
        {
            public async ValueTask DisposeAsync()
            {
                using var http = new HttpClient();
                using var response = await http.PostAsync(owner.Context!.Emulator.CvmEndpoint, new StringContent("{}"));
                owner.StoppedWhileEmulatorRan = response.IsSuccessStatusCode;
            }
        }
    }
}
