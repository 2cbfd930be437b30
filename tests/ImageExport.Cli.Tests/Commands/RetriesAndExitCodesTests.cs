using System.Net;
using System.Text;
using ImageExport.Cli.Tests.Support;

namespace ImageExport.Cli.Tests.Commands;

/// <summary>Retries, Retry-After and the exit code of a failed export, against a scripted service.</summary>
public sealed class RetriesAndExitCodesTests
{
    private const string JobId = "exp-20261126t030000-0a1b2c3d";

    private static string Job(string state, string? reason = null) => $$"""
        {"jobId":"{{JobId}}","state":"{{state}}","createdAt":"2026-11-26T03:00:00+00:00","updatedAt":"2026-11-26T03:00:00+00:00",
         "bucket":"b-1250000000","region":"ap-guangzhou","prefix":"p","format":"raw"{{(reason is null ? "" : $",\"reason\":\"{reason}\"")}},
         "images":[{"imageId":"img-demolnx1","state":"{{state}}","cosPaths":[],"files":[],"problems":[]}]}
        """;

    [Fact]
    public async Task ThrottlingAndUnavailableAreRetriedHonouringRetryAfterWithTheSameIdempotencyKey()
    {
        var service = new ScriptedService(
            _ => Answer(HttpStatusCode.TooManyRequests, """{"error":{"code":"Throttled","message":"slow down"}}""", retryAfterSeconds: 1),
            _ => Answer(HttpStatusCode.ServiceUnavailable, """{"error":{"code":"Timeout","message":"retry"}}"""),
            _ => Answer(HttpStatusCode.Accepted, Job("exporting")));
        var cli = Scripted(service);

        var result = await cli.RunAsync("start", "img-demolnx1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, service.Requests.Count);
        Assert.Single(service.Requests.Select(r => r.Headers.GetValues("Idempotency-Key").Single()).Distinct());
        // The 429 asked for a second; the client's own back-off here is 20 ms.
        Assert.True(service.Requests[1].At - service.Requests[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {service.Requests[1].At - service.Requests[0].At}");
        Assert.Contains("429 Throttled; retry 1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServiceThatStaysUnavailableExitsSixAfterTheLastAttempt()
    {
        var service = new ScriptedService(_ => Answer(HttpStatusCode.BadGateway, """{"error":{"code":"UpstreamError","message":"CVM failed"}}"""));

        var result = await Scripted(service).RunAsync("images");

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Equal(4, service.Requests.Count);
    }

    [Fact]
    public async Task ARefusalIsNotRetried()
    {
        var service = new ScriptedService(_ => Answer(HttpStatusCode.Unauthorized, """{"error":{"code":"Unauthorized","message":"the bearer token is not valid"}}"""));

        var result = await Scripted(service).RunAsync("jobs");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Single(service.Requests);
    }

    [Fact]
    public async Task WaitingForAJobThatFailsExitsOneWithTheReason()
    {
        var service = new ScriptedService(
            _ => Answer(HttpStatusCode.OK, Job("exporting")),
            _ => Answer(HttpStatusCode.OK, Job("failed", "img-demolnx1 did not land within 100 minutes")));

        var result = await Scripted(service).RunAsync("wait", JobId);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("failed", (string?)result.Json()["state"]);
        Assert.Contains("did not land within 100 minutes", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InATerminalAFileBeingWrittenShowsItsBytesPercentAndEtaAndAStalledImageIsSaid()
    {
        const string progressing = "\"progress\":{\"bytes\":10737418240,\"expectedBytes\":21474836480,\"percent\":50.0,\"bytesPerSecond\":52428800,\"etaSeconds\":205,\"observedAt\":\"2026-11-26T03:04:10+00:00\"}";
        var exporting = Job("exporting").Replace("\"files\":[]", $"\"files\":[{{\"key\":\"p_img-demolnx1_system_snap-1.raw\",\"state\":\"pending\",{progressing}}}]", StringComparison.Ordinal)
            .Replace("\"problems\":[]}]", "\"problems\":[],\"stalled\":true,\"lastProgressAt\":\"2026-11-26T03:04:10+00:00\"}]", StringComparison.Ordinal);
        var completed = Job("completed").Replace("\"files\":[]", "\"files\":[{\"key\":\"p_img-demolnx1_system_snap-1.raw\",\"state\":\"landed\",\"size\":21474836480}]", StringComparison.Ordinal);
        var service = new ScriptedService(_ => Answer(HttpStatusCode.OK, exporting), _ => Answer(HttpStatusCode.OK, exporting), _ => Answer(HttpStatusCode.OK, completed));
        var cli = Scripted(service);
        cli = new CliRun { Handler = service, Terminal = true, PollInterval = TimeSpan.FromMilliseconds(200) }.With(cli.Environment);

        var result = await cli.RunAsync("wait", JobId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("10.0 GiB of 20.0 GiB, 50%, 50.0 MiB/s, ETA 3m 25s", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("stalled since 03:04:10", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("20.0 GiB", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenGoesInTheAuthorizationHeaderOnly()
    {
        var service = new ScriptedService(_ => Answer(HttpStatusCode.OK, """{"region":"ap-guangzhou","images":[]}"""));
        var cli = Scripted(service);
        cli.Environment["IMAGEEXPORT_TOKEN"] = "secret-token-0123456789";

        var result = await cli.RunAsync("images");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Bearer secret-token-0123456789", service.Requests[0].Headers.Authorization?.ToString());
        Assert.DoesNotContain("secret-token", service.Requests[0].Uri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    private static CliRun Scripted(ScriptedService service)
    {
        var cli = new CliRun { Handler = service };
        cli.Environment["IMAGEEXPORT_URL"] = "http://imageexport.test/fn";
        cli.Environment["IMAGEEXPORT_TOKEN"] = "token-0123456789abcdef";
        cli.Environment["IMAGEEXPORT_CONFIG"] = Path.Combine(Path.GetTempPath(), $"imageexport-cli-test-{Guid.NewGuid():N}", "config.json");
        return cli;
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    /// <summary>Answers each request with the next script step (the last one repeats) and keeps the requests.</summary>
    private sealed class ScriptedService(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
    {
        public List<(Uri Uri, System.Net.Http.Headers.HttpRequestHeaders Headers, DateTime At)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add((request.RequestUri!, request.Headers, DateTime.UtcNow));
                var step = script[Math.Min(Requests.Count - 1, script.Length - 1)];
                return Task.FromResult(step(request));
            }
        }
    }
}
