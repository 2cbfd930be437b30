using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageExport.Core.Configuration;
using ImageExport.Scf.Runtime;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace ImageExport.Core.Tests.Support;

/// <summary>
/// The three functions wired to in-memory fakes, with helpers that send events in Tencent's documented shapes
/// (built from the fixture files).
/// </summary>
internal sealed class TestApp
{
    public const string Region = "ap-guangzhou";
    public const string AppId = "1250000000";
    public const string Bucket = "exports-1250000000";
    public const string OtherRegionBucket = "shanghai-1250000000";
    public const string Token = "test-token-0123456789abcdef";
    public const string StatePrefix = ".image-export/";

    private readonly Lazy<(IFunctionHandler Start, IFunctionHandler Poll, IFunctionHandler Notify)> _functions;

    public TestApp(Action<Dictionary<string, string>>? configure = null, params RecordingChannel[] channels)
    {
        Cos = new FakeCos(Time);
        Cvm = new FakeCvm(Cos);
        Cos.AddBucket(Bucket, Region);
        Cos.AddBucket(OtherRegionBucket, "ap-shanghai");
        Channels = channels.Length > 0 ? channels : [new RecordingChannel("webhook"), new RecordingChannel("slack")];
        Env = new Dictionary<string, string>
        {
            ["TENCENTCLOUD_REGION"] = Region,
            ["TENCENTCLOUD_APPID"] = AppId,
            ["IMAGEEXPORT_DEFAULT_BUCKET"] = Bucket,
            ["IMAGEEXPORT_API_TOKENS"] = Token,
            ["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "5",
        };
        configure?.Invoke(Env);
        _functions = new(() =>
        {
            Settings = ImageExportSettings.FromEnvironment(name => Env.GetValueOrDefault(name));
            var logger = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext().WriteTo.Sink(Logs).CreateLogger();
            var dependencies = new ImageExportDependencies(Cvm, Cos, Channels, Settings, Time, logger);
            return (new EntryPointHandler(ImageExportFunctions.Create(ImageExportFunctions.Start, dependencies)),
                    new EntryPointHandler(ImageExportFunctions.Create(ImageExportFunctions.Poll, dependencies)),
                    new EntryPointHandler(ImageExportFunctions.Create(ImageExportFunctions.Notify, dependencies)));
        });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    public FakeCos Cos { get; }

    public FakeCvm Cvm { get; }

    public IReadOnlyList<RecordingChannel> Channels { get; }

    public CollectingSink Logs { get; } = new();

    public Dictionary<string, string> Env { get; }

    public ImageExportSettings Settings { get; private set; } = null!;

    public enum Shape
    {
        FunctionUrl,
        ApiGateway,
    }

    public static string ExportBody(params string[] imageIds) =>
        new JsonObject { ["imageIds"] = new JsonArray(imageIds.Select(i => (JsonNode)i!).ToArray()), ["bucket"] = Bucket }.ToJsonString();

    public Task<ApiResult> PostExportsAsync(
        string body, string? token = Token, string? idempotencyKey = null, Shape shape = Shape.FunctionUrl, Dictionary<string, string>? headers = null)
    {
        headers = new Dictionary<string, string>(headers ?? []) { ["content-type"] = "application/json" };
        if (idempotencyKey is not null)
        {
            headers["Idempotency-Key"] = idempotencyKey;
        }

        return SendAsync("POST", "/exports", body, token, headers, shape: shape);
    }

    public async Task<ApiResult> SendAsync(
        string method,
        string path,
        string? body = null,
        string? token = Token,
        Dictionary<string, string>? headers = null,
        Dictionary<string, string>? query = null,
        Shape shape = Shape.FunctionUrl)
    {
        var e = JsonNode.Parse(File.ReadAllText(Fixture(shape == Shape.FunctionUrl ? "function-url-request.json" : "apigw-request.json")))!.AsObject();
        var headerObject = new JsonObject();
        foreach (var (name, value) in headers ?? [])
        {
            headerObject[name] = value;
        }

        if (token is not null)
        {
            headerObject["Authorization"] = "Bearer " + token;
        }

        var queryObject = new JsonObject();
        foreach (var (name, value) in query ?? [])
        {
            queryObject[name] = value;
        }

        e["httpMethod"] = method;
        e["path"] = path;
        e["headers"] = headerObject;
        e["queryString"] = queryObject;
        if (body is null)
        {
            e.Remove("body");
        }
        else
        {
            e["body"] = body;
        }

        if (shape == Shape.ApiGateway)
        {
            e["requestContext"]!["httpMethod"] = method;
            e["requestContext"]!["path"] = path;
            e["queryStringParameters"] = queryObject.DeepClone();
            e["pathParameters"] = new JsonObject();
        }

        var raw = await _functions.Value.Start.HandleAsync(Encoding.UTF8.GetBytes(e.ToJsonString()), Context(), CancellationToken.None);
        var response = JsonNode.Parse(raw)!.AsObject();
        var responseHeaders = response["headers"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var responseBody = response["body"]!.GetValue<string>();
        // The console (GET /) answers HTML: its text stays in Raw["body"].
        var json = responseHeaders.TryGetValue("Content-Type", out var type) && type.StartsWith("application/json", StringComparison.Ordinal);
        return new ApiResult(response["statusCode"]!.GetValue<int>(), responseBody.Length == 0 || !json ? null : JsonNode.Parse(responseBody), responseHeaders, response);
    }

    /// <summary>POST /exports with the body exactly as given (for base64 bodies).</summary>
    public async Task<ApiResult> SendRawAsync(string body, bool base64)
    {
        var e = JsonNode.Parse(File.ReadAllText(Fixture("function-url-request.json")))!.AsObject();
        e["httpMethod"] = "POST";
        e["path"] = "/exports";
        e["headers"] = new JsonObject { ["authorization"] = "Bearer " + Token };
        e["body"] = body;
        e["isBase64Encoded"] = base64;
        var raw = await _functions.Value.Start.HandleAsync(Encoding.UTF8.GetBytes(e.ToJsonString()), Context(), CancellationToken.None);
        var response = JsonNode.Parse(raw)!.AsObject();
        var responseBody = response["body"]!.GetValue<string>();
        var headers = response["headers"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        return new ApiResult(response["statusCode"]!.GetValue<int>(), responseBody.Length == 0 ? null : JsonNode.Parse(responseBody), headers, response);
    }

    public async Task<JsonNode> PollAsync(TimeSpan? timeLeft = null)
    {
        var payload = File.ReadAllBytes(Fixture("timer.json"));
        var raw = await _functions.Value.Poll.HandleAsync(payload, Context(timeLeft), CancellationToken.None);
        return JsonNode.Parse(raw)!;
    }

    /// <summary>Sends a COS trigger event (the fixture's shape) with one record per object of the given bucket.</summary>
    public Task<byte[]> NotifyAsync(IEnumerable<(string Key, long Size)> objects, string bucket = Bucket) =>
        _functions.Value.Notify.HandleAsync(CosEvent(objects, bucket), Context(), CancellationToken.None);

    public static byte[] CosEvent(IEnumerable<(string Key, long Size)> objects, string bucket = Bucket)
    {
        var template = JsonNode.Parse(File.ReadAllText(Fixture("cos-object-created.json")))!["Records"]![0]!;
        var name = bucket[..bucket.LastIndexOf('-')];
        var appId = bucket[(bucket.LastIndexOf('-') + 1)..];
        var records = new JsonArray();
        foreach (var (key, size) in objects)
        {
            var record = template.DeepClone();
            record["cos"]!["cosBucket"]!["name"] = name;
            record["cos"]!["cosBucket"]!["appid"] = appId;
            record["cos"]!["cosObject"]!["key"] = $"/{appId}/{name}/{key}";
            record["cos"]!["cosObject"]!["size"] = size;
            record["cos"]!["cosObject"]!["url"] = $"http://{bucket}.cos.{Region}.myqcloud.com/{key}";
            record["event"]!["eventName"] = "cos:ObjectCreated:CompleteMultipartUpload";
            records.Add(record);
        }
        return Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = records }.ToJsonString());
    }

    public IFunctionHandler NotifyHandler => _functions.Value.Notify;

    public IFunctionHandler PollHandler => _functions.Value.Poll;

    public IFunctionHandler StartHandler => _functions.Value.Start;

    public InvocationContext Context(TimeSpan? timeLeft = null) => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        TimeLimit = TimeSpan.FromSeconds(60),
        Deadline = Time.GetUtcNow() + (timeLeft ?? TimeSpan.FromSeconds(60)),
        FunctionName = "image-export",
    };

    /// <summary>The job store's keys, without the state prefix.</summary>
    public IReadOnlyList<string> StateKeys(string under = "") =>
        Cos.Keys(Bucket, StatePrefix + under).Select(k => k[StatePrefix.Length..]).ToList();

    public static string Fixture(string name) => PublishedFixtures.Path("events/" + name);
}

internal sealed record ApiResult(int Status, JsonNode? Body, IReadOnlyDictionary<string, string> Headers, JsonObject Raw)
{
    public string? ErrorCode => Body?["error"]?["code"]?.GetValue<string>();

    public string JobId => Body!["jobId"]!.GetValue<string>();

    public IReadOnlyList<string> ProblemCodes =>
        Body?["error"]?["problems"]?.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToList() ?? [];

    public override string ToString() => $"{Status} {Body?.ToJsonString()}";
}
