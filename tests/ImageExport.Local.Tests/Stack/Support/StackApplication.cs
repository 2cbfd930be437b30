using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Stack;
using ImageExport.Testing.Stack;
using Serilog.Events;

namespace ImageExport.Local.Tests.Stack.Support;

/// <summary>
/// The whole local stack in process (<see cref="TestStack"/>: the demo catalog, the repository's serverless.yml,
/// in-process functions), with fast exports and retries, every invocation recorded and an authenticated client.
/// </summary>
internal sealed class StackApplication : IAsyncDisposable
{
    private readonly TestStack _stack;

    private StackApplication(TestStack stack, RecordingInvoker invoker)
    {
        _stack = stack;
        Invoker = invoker;
        Http = new HttpClient { BaseAddress = stack.Running.Api, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stack.Token);
    }

    public LocalSession Session => _stack.Session;

    public CollectingSink Log => _stack.Log;

    public RunningStack Running => _stack.Running;

    public RecordingInvoker Invoker { get; }

    public string StateDirectory => _stack.StateDirectory;

    public HttpClient Http { get; }

    public EmulatorHost Emulator => Session.Emulator;

    public string Bucket => _stack.Bucket;

    public static async Task<StackApplication> StartAsync(
        Func<string, string, bool>? fail = null, string? serverlessFile = null, IReadOnlyList<TimeSpan>? retryDelays = null,
        FunctionsMode functions = FunctionsMode.InProcess, double exportSecondsPerGib = 0.02, IReadOnlyDictionary<string, string>? variables = null)
    {
        RecordingInvoker? recorder = null;
        var stack = await TestStack.StartAsync("local-stack-test-", new TestStackOptions
        {
            Local = new() { ExportSecondsPerGib = exportSecondsPerGib, Functions = functions },
            Stack = new()
            {
                ServerlessFile = serverlessFile,
                AsyncRetryDelays = retryDelays ?? TestStackOptions.FastRetries,
                DecorateInvoker = inner => recorder = new RecordingInvoker(inner, fail),
                // Never the machine's own settings: a test states the language it runs in.
                Variables = variables ?? new Dictionary<string, string>(),
            },
            LogLevel = LogEventLevel.Debug,
        });
        return new StackApplication(stack, recorder!);
    }

    public async Task<(int Status, JsonObject Body)> PostExportAsync(JsonObject body) =>
        await SendAsync(HttpMethod.Post, "/exports", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public async Task<(int Status, JsonObject Body)> GetAsync(string path) => await SendAsync(HttpMethod.Get, path, null);

    /// <summary>Reads the job until it is in <paramref name="state"/> (30 s at most).</summary>
    public async Task<JsonObject> WaitForJobStateAsync(string jobId, string state)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var (status, job) = await GetAsync($"/exports/{jobId}");
            Assert.Equal(200, status);
            if ((string?)job["state"] == state)
            {
                return job;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline,
                $"job {jobId} is not {state} after 30 s: {job.ToJsonString()}\nnotify calls: {Invoker.EventsOf("notify").Count}\n{Log.Problems()}");
            await Task.Delay(50);
        }
    }

    /// <summary>The notifications.jsonl lines about <paramref name="jobId"/>, once at least one is there (15 s at most).</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForNotificationsAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var lines = Running.Notifications.ReadAll().Where(line => (string?)line["jobId"] == jobId).ToList();
            if (lines.Count > 0)
            {
                return lines;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Uploads an object the way a client would (the emulator raises its COS event).</summary>
    public Task PutObjectAsync(string key, string content = "x") =>
        Emulator.Cos.PutObjectAsync(
            Bucket, key, new MemoryStream(Encoding.UTF8.GetBytes(content)), "application/octet-stream", new Dictionary<string, string>(), false, null,
            new CosRequestOrigin("test-request", "127.0.0.1", null), CancellationToken.None);

    /// <summary>Keys the job store holds under its prefix (<c>.image-export/</c>).</summary>
    public IReadOnlyList<string> StateKeys() =>
        [.. Emulator.Cos.Storage.List(Bucket, ".image-export/", "", 1000, "").Contents.Select(o => o.Key)];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _stack.DisposeAsync();
    }

    private async Task<(int Status, JsonObject Body)> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }
}
