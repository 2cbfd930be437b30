using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Testing.Stack;

namespace ImageExport.Cli.Tests.Support;

/// <summary>
/// One local stack for a test class, with every answer any test got from it recorded, so each test ends by checking
/// all of them against the OpenAPI document the stack itself serves.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private TestStack? _stack;
    private OpenApiContract? _contract;

    internal TestStack Stack => _stack ?? throw new InvalidOperationException("the stack has not started");

    internal RecordingHandler Recorder { get; } = new();

    internal OpenApiContract Contract => _contract ?? throw new InvalidOperationException("the stack has not started");

    internal HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _stack = await StackServer.StartAsync();
        Http = new HttpClient(Recorder, disposeHandler: false) { BaseAddress = new Uri(Stack.ApiUrl + "/") };
        var (status, document) = await SendAsync(HttpMethod.Get, "openapi.json", token: null);
        Assert.Equal(200, status);
        _contract = new OpenApiContract(JsonNode.Parse(document)!.AsObject());
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    internal CliRun Cli(bool terminal = false)
    {
        var run = CliRun.Against(Stack, Recorder);
        return terminal ? new CliRun { Handler = Recorder, Terminal = true }.With(run.Environment) : run;
    }

    /// <summary>A raw request (what the CLI never sends: malformed bodies, wrong tokens); its answer is recorded too.</summary>
    internal async Task<(int Status, string Body)> SendAsync(
        HttpMethod method, string path, string? token = "", string? body = null, string? idempotencyKey = null, Action<HttpRequestMessage>? edit = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        var bearer = token == "" ? Stack.Token : token;
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        edit?.Invoke(request);
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every answer recorded so far matches the document's schema for its route, method and status.</summary>
    internal void AssertAllAnswersMatchTheDocument()
    {
        var exchanges = Recorder.Exchanges.ToList();
        Assert.NotEmpty(exchanges);
        var mismatches = exchanges.Select(e => Contract.Check(e.Method, e.PathAndQuery, e.Status, e.Body)).OfType<string>().ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n\n", mismatches));
    }
}

internal static class CliRunExtensions
{
    public static CliRun With(this CliRun run, IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var (name, value) in environment)
        {
            run.Environment[name] = value;
        }

        return run;
    }
}
