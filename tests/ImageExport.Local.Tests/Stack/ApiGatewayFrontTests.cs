using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.ApiGateway;
using ImageExport.Local.Stack;
using ImageExport.Local.Stack.Deployed;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>
/// The deployed API gateway service in front of start (<c>--wiring deployed</c>): <c>/&lt;environment&gt;/…</c> reaches the
/// API released there as an API gateway event; integrated response as the API says; everything else passes on.
/// </summary>
public sealed class ApiGatewayFrontTests : IAsyncLifetime
{
    private const string Integrated = """{"isBase64Encoded":false,"statusCode":202,"headers":{"Content-Type":"application/json"},"body":"{\"jobId\":\"exp-1\"}"}""";
    private readonly string _state = Directory.CreateTempSubdirectory("apigw-front-").FullName;
    private readonly HttpClient _http = new();
    private readonly ScriptedInvoker _function = new(InvocationResult.Success(Encoding.UTF8.GetBytes(Integrated)));
    private Listener _listener = null!;
    private int _passedOn;

    public async Task InitializeAsync()
    {
        var functions = new Dictionary<string, LocalFunction> { ["start"] = ScriptedInvoker.Function("start") };
        var front = new ApiGatewayFront(_function, functions, _state, context =>
        {
            Interlocked.Increment(ref _passedOn);
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        }, Serilog.Core.Logger.None);
        _listener = await Listener.StartAsync(0, front.HandleAsync, Serilog.Core.Logger.None, CancellationToken.None);
        _http.BaseAddress = _listener.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _listener.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    private void Deploy(string path, bool integrated, bool released = true)
    {
        var api = new GatewayApi
        {
            ApiId = "api-test0001",
            ApiName = "index",
            Path = path,
            Method = "ANY",
            Protocol = "HTTP",
            AuthType = "NONE",
            ServiceType = "SCF",
            ResponseType = "HTML",
            FunctionName = "start",
            FunctionNamespace = "default",
            IsIntegratedResponse = integrated,
            CreatedTime = "2026-01-01T00:00:00Z",
            ModifiedTime = "2026-01-01T00:00:00Z",
        };
        new GatewayServices(_state).Update("service-test0001", _ => new GatewayService
        {
            ServiceId = "service-test0001",
            ServiceName = "image-export",
            Protocol = "https",
            OuterSubDomain = "service-test0001-1250000000.ap-guangzhou.apigateway.myqcloud.com",
            Apis = [api],
            Releases = released ? [new GatewayRelease { EnvironmentName = "release", ReleaseVersion = "1", ReleaseTime = "2026-01-01T00:00:00Z", Apis = [api] }] : [],
            CreatedTime = "2026-01-01T00:00:00Z",
            ModifiedTime = "2026-01-01T00:00:00Z",
        });
    }

    [Fact]
    public async Task ARequestUnderTheReleasedEnvironmentReachesStartAsAnApiGatewayEventWithEveryFieldOfTencentsExample()
    {
        Deploy("/", integrated: true);

        using var response = await _http.PostAsync("/release/exports?tag=a&tag=b", new StringContent("""{"imageIds":["img-1"]}""", Encoding.UTF8, "application/json"));

        var (function, sent) = Assert.Single(_function.Calls);
        Assert.Equal("start", function);
        var e = JsonNode.Parse(sent)!.AsObject();
        var example = JsonNode.Parse(File.ReadAllText(PublishedFixtures.Path("events/apigw-request.json")))!.AsObject();
        Assert.Empty(example.Select(p => p.Key).Except(e.Select(p => p.Key)));
        Assert.Empty(example["requestContext"]!.AsObject().Select(p => p.Key).Except(e["requestContext"]!.AsObject().Select(p => p.Key)));
        Assert.Equal("/exports", (string?)e["path"]);
        Assert.Equal("POST", (string?)e["httpMethod"]);
        Assert.Equal("""{"imageIds":["img-1"]}""", (string?)e["body"]);
        Assert.Equal("/", (string?)e["requestContext"]!["path"]);
        Assert.Equal("release", (string?)e["requestContext"]!["stage"]);
        Assert.Equal("service-test0001", (string?)e["requestContext"]!["serviceId"]);
        Assert.Equal(2, e["queryString"]!["tag"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("""{"jobId":"exp-1"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutIntegratedResponseTheFunctionsWholeAnswerIsA200Body()
    {
        Deploy("/", integrated: false);

        using var response = await _http.GetAsync("/release/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Integrated, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnApiOnASubPathServesOnlyThePathsBelowIt()
    {
        Deploy("/image-export", integrated: true);

        using var below = await _http.GetAsync("/release/image-export/images");
        using var beside = await _http.GetAsync("/release/image-exports");

        Assert.Equal(HttpStatusCode.Accepted, below.StatusCode);
        Assert.Equal("/image-export/images", (string?)JsonNode.Parse(Assert.Single(_function.Calls).Event)!["path"]);
        Assert.Equal(HttpStatusCode.NotFound, beside.StatusCode);
        Assert.Single(_function.Calls);
    }

    [Fact]
    public async Task PathsOutsideAReleasedEnvironmentAndUnreleasedApisPassOnToTheFunctionUrl()
    {
        Deploy("/", integrated: true, released: false);

        using var unreleased = await _http.GetAsync("/release/healthz");
        Deploy("/", integrated: true);
        using var outside = await _http.GetAsync("/healthz");
        using var otherEnvironment = await _http.GetAsync("/test/healthz");

        Assert.All(new[] { unreleased, outside, otherEnvironment }, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(3, _passedOn);
        Assert.Empty(_function.Calls);
    }

    [Fact]
    public void TheLongestMatchingPathWinsAndAnExactMethodBeatsAny()
    {
        DeployedApi Api(string path, string method, string function) => new("service-1", "s", "release", path, method, function, true, null);
        DeployedApi[] apis = [Api("/", "ANY", "root"), Api("/exports", "ANY", "exports"), Api("/exports", "GET", "list")];

        Assert.Equal("list", DeployedApis.Route(apis, "release", "GET", "/exports/exp-1")?.Function);
        Assert.Equal("exports", DeployedApis.Route(apis, "release", "POST", "/exports")?.Function);
        Assert.Equal("root", DeployedApis.Route(apis, "release", "GET", "/exportsx")?.Function);
        Assert.Null(DeployedApis.Route(apis, "test", "GET", "/"));
    }
}
