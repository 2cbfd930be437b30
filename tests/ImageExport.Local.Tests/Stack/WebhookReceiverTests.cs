using System.Globalization;
using System.Text;
using ImageExport.Core.Notifications;
using ImageExport.Local.Emulator;
using ImageExport.Local.Stack.Notifications;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Local.Tests.Stack;

/// <summary>The local webhook receiver: verifies the signature as a real receiver must, and records what it accepts.</summary>
public sealed class WebhookReceiverTests : IAsyncLifetime
{
    private const string Secret = "local-secret";
    private readonly HttpClient _http = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("receiver-").FullName;
    private NotificationLog _log = null!;
    private Listener _listener = null!;

    public async Task InitializeAsync()
    {
        _log = new NotificationLog(Path.Combine(_directory, NotificationLog.FileName));
        var receiver = new WebhookReceiver(Secret, _log, TimeProvider.System, Serilog.Core.Logger.None);
        _listener = await Listener.StartAsync(0, receiver.HandleAsync, Serilog.Core.Logger.None, CancellationToken.None);
        _http.BaseAddress = _listener.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _listener.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<int> DeliverAsync(string body, string secret = Secret, DateTimeOffset? sentAt = null, string? signature = null)
    {
        var timestamp = (sentAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookReceiver.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, signature ?? WebhookSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(WebhookSignature.DeliveryHeader, "job-1:completed");
        using var response = await _http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private const string Body = """{"id":"job-1:completed","jobId":"job-1","outcome":"completed","bucket":"b-1250000000","note":"line\nbreak"}""";

    [Fact]
    public async Task ASignedDeliveryIsAppendedAsOneLineWithItsIdJobOutcomeChannelAndPayload()
    {
        Assert.Equal(204, await DeliverAsync(Body));

        var line = Assert.Single(File.ReadAllLines(_log.Path));
        var entry = System.Text.Json.Nodes.JsonNode.Parse(line)!;
        Assert.Equal("job-1:completed", (string?)entry["id"]);
        Assert.Equal("job-1", (string?)entry["jobId"]);
        Assert.Equal("completed", (string?)entry["outcome"]);
        Assert.Equal("webhook", (string?)entry["channel"]);
        Assert.Equal("b-1250000000", (string?)entry["payload"]!["bucket"]);
        Assert.Equal("line\nbreak", (string?)entry["payload"]!["note"]);
    }

    [Theory]
    [InlineData("wrong-secret", 0)]
    [InlineData(Secret, -30)]
    public async Task ADeliveryWithAWrongOrStaleSignatureIsRefusedAndNotRecorded(string secret, int minutesAgo)
    {
        Assert.Equal(401, await DeliverAsync(Body, secret, DateTimeOffset.UtcNow.AddMinutes(minutesAgo)));

        Assert.Empty(_log.ReadAll());
    }

    [Fact]
    public async Task ADeliveryWithoutASignatureIsRefused()
    {
        Assert.Equal(401, await DeliverAsync(Body, signature: ""));

        Assert.Empty(_log.ReadAll());
    }

    [Fact]
    public async Task ConcurrentDeliveriesEachGetAWholeLine()
    {
        var bodies = Enumerable.Range(0, 40).Select(i => $$"""{"id":"job-{{i}}:completed","jobId":"job-{{i}}","outcome":"completed","pad":"{{new string('x', 4000)}}"}""").ToList();

        var statuses = await Task.WhenAll(bodies.Select(b => DeliverAsync(b)));

        Assert.All(statuses, s => Assert.Equal(204, s));
        var jobs = _log.ReadAll().Select(e => (string?)e["jobId"]).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"job-{i}").Order(), jobs);
    }
}
