using System.Text.Json.Nodes;
using ImageExport.Cli.Tests.Support;

namespace ImageExport.Cli.Tests.Contract;

/// <summary>
/// Every kind of answer the HTTP API gives, taken from the local stack and checked against docs/openapi.yaml as the
/// function serves it: the status must be documented for the route and the body must match its schema.
/// </summary>
public sealed class AnswersMatchTheDocumentTests(StackFixture app) : IClassFixture<StackFixture>
{
    private const string Exportable = "img-demolnx1";

    [Fact]
    public async Task HealthAndTheDocumentItselfAreServedWithoutAToken()
    {
        var (health, _) = await app.SendAsync(HttpMethod.Get, "/healthz", token: null);
        var (document, body) = await app.SendAsync(HttpMethod.Get, "/openapi.json", token: null);

        Assert.Equal(200, health);
        Assert.Equal(200, document);
        var served = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("3.1.0", (string?)served["openapi"]);
        // Numbers and booleans of the YAML source stay numbers and booleans in the served JSON.
        Assert.Equal(100, (int)served["paths"]!["/exports"]!["get"]!["parameters"]![1]!["schema"]!["maximum"]!);
        Assert.False((bool)served["components"]!["schemas"]!["Job"]!["additionalProperties"]!);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task TheServedDocumentDescribesEveryRouteOfTheSourceFile()
    {
        var source = await File.ReadAllTextAsync(RepositoryFiles.OpenApiYaml);
        var routes = source.Split('\n').Where(l => l.StartsWith("  /", StringComparison.Ordinal)).Select(l => l.Trim().TrimEnd(':')).ToList();

        Assert.Equal(routes, app.Contract.Document["paths"]!.AsObject().Select(p => p.Key));
        Assert.Contains("/openapi.json", routes);
    }

    [Fact]
    public async Task TheCatalogMatches()
    {
        var (status, _) = await app.SendAsync(HttpMethod.Get, "/images");

        Assert.Equal(200, status);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task AStartedJobItsReadsAndItsListingMatchWhileExportingAndOnceCompleted()
    {
        var (started, body) = await app.SendAsync(HttpMethod.Post, "/exports", body: $$"""{"imageIds":["{{Exportable}}"],"format":"vmdk"}""", idempotencyKey: $"contract-{Guid.NewGuid():N}");
        Assert.Equal(202, started);
        var jobId = (string)JsonNode.Parse(body)!["jobId"]!;

        string state;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            var (read, job) = await app.SendAsync(HttpMethod.Get, $"/exports/{jobId}");
            Assert.Equal(200, read);
            state = (string)JsonNode.Parse(job)!["state"]!;
            await Task.Delay(50);
        }
        while (state != "completed" && DateTime.UtcNow < deadline);

        Assert.Equal("completed", state);
        Assert.Equal(200, (await app.SendAsync(HttpMethod.Get, "/exports")).Status);
        Assert.Equal(200, (await app.SendAsync(HttpMethod.Get, "/exports?state=completed&limit=1")).Status);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task ADryRunMatchesWhetherItPassesOrNot()
    {
        var (passes, _) = await app.SendAsync(HttpMethod.Post, "/exports", body: $$"""{"imageIds":["{{Exportable}}"],"dryRun":true}""");
        var (refused, body) = await app.SendAsync(HttpMethod.Post, "/exports", body: """{"imageIds":["img-demowin1","img-demobig1"],"dryRun":true,"bucket":"missing-1250000000"}""");

        Assert.Equal(200, passes);
        Assert.Equal(200, refused);
        Assert.False((bool)JsonNode.Parse(body)!["exportable"]!);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Theory]
    [InlineData("""{"imageIds":"img-demolnx1"}""")]
    [InlineData("""{"imageIds":["img-demolnx1"],"format":"zip","onlyRootDsk":true}""")]
    [InlineData("not json")]
    public async Task AMalformedBodyIs400NamingTheFieldAndMatches(string body)
    {
        var (status, answer) = await app.SendAsync(HttpMethod.Post, "/exports", body: body);

        Assert.Equal(400, status);
        Assert.NotEmpty(JsonNode.Parse(answer)!["error"]!["fields"]!.AsArray());
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task ABadQueryIs400AndMatches()
    {
        Assert.Equal(400, (await app.SendAsync(HttpMethod.Get, "/exports?limit=0&state=lost")).Status);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task AMissingOrWrongTokenIs401OnEveryProtectedRouteAndMatches()
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/images"), (HttpMethod.Get, "/exports"), (HttpMethod.Post, "/exports"), (HttpMethod.Get, "/exports/exp-20261126t030000-0a1b2c3d") })
        {
            Assert.Equal(401, (await app.SendAsync(method, path, token: null, body: method == HttpMethod.Post ? "{}" : null)).Status);
            Assert.Equal(401, (await app.SendAsync(method, path, token: "not-the-token-at-all", body: method == HttpMethod.Post ? "{}" : null)).Status);
        }
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task AnUnknownJobIs404AndMatches()
    {
        Assert.Equal(404, (await app.SendAsync(HttpMethod.Get, "/exports/exp-20000101t000000-00000000")).Status);
        Assert.Equal(404, (await app.SendAsync(HttpMethod.Get, "/exports/not-a-job-id")).Status);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task AnIdempotencyKeyReusedWithAnotherBodyIs409AndMatches()
    {
        var key = $"contract-{Guid.NewGuid():N}";
        Assert.Equal(202, (await app.SendAsync(HttpMethod.Post, "/exports", body: """{"imageIds":["img-demolnx2"],"onlyRootDisk":true}""", idempotencyKey: key)).Status);
        var (replayed, _) = await app.SendAsync(HttpMethod.Post, "/exports", body: """{"imageIds":["img-demolnx2"],"onlyRootDisk":true}""", idempotencyKey: key);
        var (conflict, body) = await app.SendAsync(HttpMethod.Post, "/exports", body: """{"imageIds":["img-demolnx2"],"format":"vhd"}""", idempotencyKey: key);

        Assert.Equal(202, replayed);
        Assert.Equal(409, conflict);
        Assert.Equal("IdempotencyConflict", (string?)JsonNode.Parse(body)!["error"]!["code"]);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task ATooLargeBodyIs413AndMatches()
    {
        var body = $$"""{"imageIds":["{{Exportable}}"],"prefix":"{{new string('p', 70 * 1024)}}"}""";

        Assert.Equal(413, (await app.SendAsync(HttpMethod.Post, "/exports", body: body)).Status);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task ARefusedExportIs422WithEveryProblemAndMatches()
    {
        var (status, body) = await app.SendAsync(HttpMethod.Post, "/exports", body: """{"imageIds":["img-demowin1","img-demo6dsk","img-demopub1"]}""");

        Assert.Equal(422, status);
        var codes = JsonNode.Parse(body)!["error"]!["problems"]!.AsArray().Select(p => (string?)p!["code"]).ToList();
        Assert.Equal(["image.windows", "image.tooManyDataDisks", "image.notCustom"], codes);
        app.AssertAllAnswersMatchTheDocument();
    }
}
