using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator;
using ImageExport.Local.Stack;
using ImageExport.Local.Stack.Gateway;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>The Function URL: HTTP in, Function URL event to the function, integrated response back out.</summary>
public sealed class FunctionUrlGatewayTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private Listener _listener = null!;
    private ScriptedInvoker _function = null!;
    private Func<int, string, Task<InvocationResult>> _answer = (_, _) => Task.FromResult(Integrated(200, "{}"));
    private int _localRouteHits;

    public async Task InitializeAsync()
    {
        _function = new ScriptedInvoker((n, e) => _answer(n, e));
        var gateway = new FunctionUrlGateway(_function, ScriptedInvoker.Function("start"), context =>
        {
            Interlocked.Increment(ref _localRouteHits);
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        }, Serilog.Core.Logger.None);
        _listener = await Listener.StartAsync(0, gateway.HandleAsync, Serilog.Core.Logger.None, CancellationToken.None);
        _http.BaseAddress = _listener.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _listener.DisposeAsync();
    }

    private static InvocationResult Integrated(int status, string body, string headers = """{"Content-Type":"application/json"}""", bool base64 = false) =>
        InvocationResult.Success(Encoding.UTF8.GetBytes(
            $$"""{"isBase64Encoded":{{(base64 ? "true" : "false")}},"statusCode":{{status}},"headers":{{headers}},"body":{{System.Text.Json.JsonSerializer.Serialize(body)}}}"""));

    [Fact]
    public async Task ARequestBecomesAFunctionUrlEventWithLowerCaseHeadersAndItsQueryString()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/exports?state=queued&tag=a&tag=b")
        {
            Content = new StringContent("""{"imageIds":["img-demolnx1"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "K-1");

        using var response = await _http.SendAsync(request);

        var e = JsonNode.Parse(Assert.Single(_function.Calls).Event)!.AsObject();
        Assert.Equal("POST", (string?)e["httpMethod"]);
        Assert.Equal("/exports", (string?)e["path"]);
        Assert.Equal("""{"imageIds":["img-demolnx1"]}""", (string?)e["body"]);
        Assert.Null(e["isBase64Encoded"]);
        Assert.Equal("K-1", (string?)e["headers"]!["idempotency-key"]);
        Assert.StartsWith("application/json", (string?)e["headers"]!["content-type"], StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", (string?)e["headers"]!["x-scf-remote-addr"]);
        Assert.All(e["headers"]!.AsObject(), h => Assert.Equal(h.Key.ToLowerInvariant(), h.Key));
        Assert.Equal("queued", (string?)e["queryString"]!["state"]);
        Assert.Equal(["a", "b"], e["queryString"]!["tag"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public async Task TheEventHasOnlyTheFieldsTencentDocumentsForFunctionUrls()
    {
        // 函数 URL 概述: the API gateway event without headerParameters, isBase64Encoded, pathParameters,
        // queryStringParameters and requestContext.
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync("/exports?a=1", content);

        var e = JsonNode.Parse(Assert.Single(_function.Calls).Event)!.AsObject();
        Assert.Equal(["body", "headers", "httpMethod", "path", "queryString"], e.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ABinaryBodyIsNotBase64EncodedBecauseTheDocumentedEventHasNoSuchFlag()
    {
        byte[] body = [0x7b, 0xff, 0x7d];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/octet-stream");

        using var response = await _http.PostAsync("/upload", content);

        var e = JsonNode.Parse(Assert.Single(_function.Calls).Event)!.AsObject();
        Assert.Null(e["isBase64Encoded"]);
        Assert.Equal("{\uFFFD}", (string)e["body"]!);
    }

    [Fact]
    public async Task TheIntegratedResponseBecomesTheHttpAnswer()
    {
        _answer = (_, _) => Task.FromResult(Integrated(422, """{"error":{"code":"ValidationFailed"}}""", """{"Content-Type":"application/json","X-Request-Id":"r-1","Vary":["Accept","Origin"]}"""));

        using var response = await _http.GetAsync("/exports");

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("""{"error":{"code":"ValidationFailed"}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("r-1", Assert.Single(response.Headers.GetValues("X-Request-Id")));
        Assert.Equal(["Accept", "Origin"], response.Headers.Vary);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABase64ResponseBodyIsDecoded()
    {
        _answer = (_, _) => Task.FromResult(Integrated(200, Convert.ToBase64String([1, 2, 3]), """{"Content-Type":"application/octet-stream"}""", base64: true));

        using var response = await _http.GetAsync("/file");

        Assert.Equal([1, 2, 3], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task JsonWithoutAStatusCodeIsA200WithThatJson()
    {
        _answer = (_, _) => Task.FromResult(InvocationResult.Success("""{"hello":"world"}"""u8.ToArray()));

        using var response = await _http.GetAsync("/");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("""{"hello":"world"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AFunctionErrorIsA502WithAJsonErrorBody()
    {
        _answer = (_, _) => Task.FromResult(InvocationResult.Failure("Timeout: start did not finish"));

        using var response = await _http.GetAsync("/exports");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("FunctionError", (string?)body["error"]!["code"]);
        Assert.Contains("Timeout", (string?)body["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverScfsSynchronousLimitIsRefusedWithoutInvokingTheFunction()
    {
        using var content = new ByteArrayContent(new byte[FunctionUrlGateway.MaxBodyBytes + 1]);

        using var response = await _http.PostAsync("/exports", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_function.Calls);
    }

    [Fact]
    public async Task LocalPathsAreServedByTheStackNotTheFunction()
    {
        using var response = await _http.PostAsync("/_local/notifications/webhook", new StringContent("{}"));

        Assert.Equal(1, _localRouteHits);
        Assert.Empty(_function.Calls);
    }
}
