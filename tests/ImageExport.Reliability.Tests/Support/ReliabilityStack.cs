using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Local;
using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.Faults;
using ImageExport.Local.Stack;
using ImageExport.Testing.Stack;
using Serilog.Events;

namespace ImageExport.Reliability.Tests.Support;

/// <summary>How a suite's stack is set up.</summary>
internal sealed record StackSetup
{
    public int Images { get; init; } = 10;

    public FaultPlan? Faults { get; init; }

    /// <summary><c>null</c>: the timer follows serverless.yml's cron (every minute).</summary>
    public TimeSpan? TimerInterval { get; init; }

    public int ExportLimit { get; init; } = 5;

    /// <summary>Both eventName forms by turns, so no suite passes by relying on one (Tencent documents the literal pattern).</summary>
    public CosEventNames CosEventNames { get; init; } = CosEventNames.Mixed;

    /// <summary>Over serverless.yml's shared environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How many of the catalog's images carry <see cref="Catalog.ScheduleTag"/>.</summary>
    public int TaggedImages { get; init; }

    /// <summary>Timer triggers on start added to serverless.yml.</summary>
    public IReadOnlyList<ScheduleTrigger> Schedules { get; init; } = [];

    /// <summary>
    /// How many times each timer event to start is delivered, at once (SCF may deliver an event twice and retries a failed
    /// asynchronous invocation): a schedule's run must start one job whatever the count.
    /// </summary>
    public int StartTimerEventCopies { get; init; } = 1;
}

/// <summary>
/// The whole local stack in process, as <c>dotnet run --project local</c> starts it (in-process functions wired from the
/// repository's serverless.yml, with <see cref="StackSetup.Environment"/> on top), over a generated catalog, a fresh state
/// directory and free ports; every log event is kept.
/// </summary>
internal sealed class ReliabilityStack : IAsyncDisposable
{
    private readonly TestStack _stack;

    private ReliabilityStack(TestStack stack)
    {
        _stack = stack;
        Http = Client(stack.Token);
    }

    public LocalSession Session => _stack.Session;

    public RunningStack Running => _stack.Running;

    public string StateDirectory => _stack.StateDirectory;

    public CollectingSink Log => _stack.Log;

    /// <summary>Authenticated with the stack's API token.</summary>
    public HttpClient Http { get; }

    public EmulatorHost Emulator => Session.Emulator;

    /// <summary>The invoker delivering timer events to start several times, when <see cref="StackSetup.StartTimerEventCopies"/> asks for it.</summary>
    public DuplicatingTimerInvoker? Duplicator { get; private init; }

    public string Bucket => _stack.Bucket;

    public static async Task<ReliabilityStack> StartAsync(StackSetup setup)
    {
        DuplicatingTimerInvoker? duplicator = null;
        var stack = await TestStack.StartAsync("reliability-", stateDirectory => new TestStackOptions
        {
            Local = new()
            {
                ImagesFile = Catalog.Write(stateDirectory, setup.Images, setup.TaggedImages),
                ExportSecondsPerGib = 0.02,
                ExportLimit = setup.ExportLimit,
                TimerInterval = setup.TimerInterval,
                Faults = setup.Faults,
                CosEventNames = setup.CosEventNames,
            },
            Stack = new()
            {
                ServerlessFile = Repository.ServerlessYmlWith(stateDirectory, setup.Environment, setup.Schedules),
                AsyncRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)],
                DecorateInvoker = setup.StartTimerEventCopies > 1 ? inner => duplicator = new DuplicatingTimerInvoker(inner, setup.StartTimerEventCopies) : null,
            },
            LogLevel = LogEventLevel.Debug,
        });
        return new ReliabilityStack(stack) { Duplicator = duplicator };
    }

    public HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = Running.Api, Timeout = TimeSpan.FromSeconds(90) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static JsonObject ExportBody(string imageId) =>
        new() { ["imageIds"] = new JsonArray(imageId), ["format"] = "qcow2", ["onlyRootDisk"] = false };

    /// <summary>One request; the status and the body (parsed when it is JSON, else <c>null</c>) and the raw text.</summary>
    public static async Task<(int Status, JsonObject? Body, string Text)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return ((int)response.StatusCode, body, text);
    }

    public Task<(int Status, JsonObject? Body, string Text)> PostExportAsync(JsonObject body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/exports") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(Http, request);
    }

    public Task<(int Status, JsonObject? Body, string Text)> GetAsync(string path) => SendAsync(Http, new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Keys the job store holds (its prefix, <c>.image-export/</c>), read directly from the emulated COS.</summary>
    public IReadOnlyList<string> StateKeys()
    {
        var keys = new List<string>();
        var marker = "";
        while (true)
        {
            var page = Emulator.Cos.Storage.List(Bucket, ".image-export/", marker, 1000, "");
            keys.AddRange(page.Contents.Select(o => o.Key));
            if (!page.IsTruncated || page.Contents.Count == 0)
            {
                return keys;
            }

            marker = page.NextMarker ?? page.Contents[^1].Key;
        }
    }

    /// <summary>The notifications.jsonl lines.</summary>
    public IReadOnlyList<JsonObject> Notifications() => Running.Notifications.ReadAll();

    /// <summary>Every secret the stack holds: what the log scan looks for.</summary>
    public IReadOnlyList<string> Secrets()
    {
        var secrets = new List<string>
        {
            Session.Endpoints.ApiToken, Emulator.Credentials.SecretKey, Emulator.TemporaryCredentials.SecretKey,
        };
        if (Emulator.TemporaryCredentials.SessionToken is { } session)
        {
            secrets.Add(session);
        }

        foreach (var function in Running.Functions.Values)
        {
            if (function.Environment.TryGetValue("IMAGEEXPORT_WEBHOOK_SECRET", out var webhook) && webhook.Length > 0)
            {
                secrets.Add(webhook);
            }
        }

        return [.. secrets.Distinct(StringComparer.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _stack.DisposeAsync();
    }
}
