using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageExport.Core.Configuration;
using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Delivery;
using ImageExport.Core.Storage;
using ImageExport.Core.Tests.Support;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

public sealed class WebhookChannelTests
{
    private const string Secret = "whsec-7f3a9c";
    private const string Url = "https://receiver.example.com/hooks/image-export";

    private static ChannelHarness Harness(Func<RecordedRequest, HttpResponseMessage>? answer = null, string? price = null)
    {
        var variables = new List<(string, string)> { ("IMAGEEXPORT_WEBHOOK_URL", Url), ("IMAGEEXPORT_WEBHOOK_SECRET", Secret) };
        if (price is not null)
        {
            variables.Add(("IMAGEEXPORT_PRICE_PER_GB_MONTH", price));
        }

        return new ChannelHarness(ChannelHarness.Settings([.. variables]), answer);
    }

    [Fact]
    public async Task TheSignatureIsTheHmacOfTimestampDotBodyUnderTheSecretSoAReceiverCanRecomputeIt()
    {
        var harness = Harness();

        await harness.Channel("webhook").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        var request = harness.SingleRequest;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri(Url), request.Uri);
        var timestamp = request.Headers["X-ImageExport-Timestamp"];
        Assert.Equal(SomeNotification.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);

        // What a receiver does, written out independently of the sender's code.
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(request.Body).ToArray();
        var expected = "sha256=" + Convert.ToHexString(new HMACSHA256(Encoding.UTF8.GetBytes(Secret)).ComputeHash(signed)).ToLowerInvariant();
        Assert.Equal(expected, request.Headers["X-ImageExport-Signature"]);
        Assert.Equal("job-42:completed", request.Headers["X-ImageExport-Delivery"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSignatureVerifiesOnlyWithTheRightSecretTheUntouchedBodyAndAFreshTimestamp()
    {
        var harness = Harness();
        await harness.Channel("webhook").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);
        var request = harness.SingleRequest;
        var timestamp = request.Headers["X-ImageExport-Timestamp"];
        var signature = request.Headers["X-ImageExport-Signature"];
        var tolerance = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignature.IsValid(Secret, timestamp, signature, request.Body, SomeNotification.Now, tolerance));
        Assert.False(WebhookSignature.IsValid("another-secret", timestamp, signature, request.Body, SomeNotification.Now, tolerance));
        var tampered = request.BodyText.Replace("job-42", "job-43", StringComparison.Ordinal);
        Assert.False(WebhookSignature.IsValid(Secret, timestamp, signature, Encoding.UTF8.GetBytes(tampered), SomeNotification.Now, tolerance));
        Assert.False(WebhookSignature.IsValid(Secret, timestamp, signature, request.Body, SomeNotification.Now.AddHours(1), tolerance));
    }

    [Fact]
    public async Task TheBodyCarriesTheNotificationTotalsAndFees()
    {
        var harness = Harness(price: "0.118");

        await harness.Channel("webhook").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        using var json = JsonDocument.Parse(harness.SingleRequest.Body);
        var root = json.RootElement;
        Assert.Equal("job-42:completed", root.GetProperty("id").GetString());
        Assert.Equal("job-42", root.GetProperty("jobId").GetString());
        Assert.Equal("completed", root.GetProperty("outcome").GetString());
        Assert.Equal("backup-1250000000", root.GetProperty("bucket").GetString());
        Assert.Equal(5415, root.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(SomeNotification.SystemDiskBytes + SomeNotification.DataDiskBytes, root.GetProperty("totalSize").GetInt64());
        var file = root.GetProperty("images")[0].GetProperty("files")[0];
        Assert.Equal(SomeNotification.SystemKey, file.GetProperty("key").GetString());
        Assert.Equal(SomeNotification.SystemDiskBytes, file.GetProperty("size").GetInt64());
        Assert.Equal(SomeNotification.DownloadUrl(SomeNotification.SystemKey).AbsoluteUri, file.GetProperty("downloadUrl").GetString());
        Assert.Equal(SomeNotification.LinkExpiry, file.GetProperty("downloadUrlExpiresAt").GetDateTimeOffset());
        var fees = root.GetProperty("fees");
        Assert.Equal("STANDARD", fees.GetProperty("storageClass").GetString());
        Assert.Equal(10.5m * 0.118m, fees.GetProperty("monthlyStorageCost").GetDecimal());
        Assert.Equal(1L << 30, fees.GetProperty("bytesPerGb").GetInt64());
        Assert.Contains(fees.GetProperty("notes").EnumerateArray(), note => note.GetString()!.Contains("private network", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAConfiguredPriceTheBodyHasNoMonthlyCost()
    {
        var harness = Harness();

        await harness.Channel("webhook").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        using var json = JsonDocument.Parse(harness.SingleRequest.Body);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("fees").GetProperty("monthlyStorageCost").ValueKind);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task ANon2xxAnswerThrowsWithTheStatus(HttpStatusCode status)
    {
        var harness = Harness(_ => RecordingHandler.Json("nope", status));

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(
            () => harness.Channel("webhook").DeliverAsync(SomeNotification.Completed(), CancellationToken.None));

        Assert.Equal((int)status, error.StatusCode);
        Assert.Equal("webhook", error.Channel);
        Assert.Single(harness.Http.Requests); // no retry: the timer retries
    }

    [Fact]
    public async Task NoLogLineCarriesTheSecretOrTheSignature()
    {
        var harness = Harness();
        // The delivery is logged once, by the workflow's delivery around the channel, so that is what is sent through.
        var cos = new FakeCos(harness.Time);
        cos.AddBucket(TestApp.Bucket, TestApp.Region);
        var settings = ImageExportSettings.FromEnvironment(name => name switch
        {
            "TENCENTCLOUD_REGION" => TestApp.Region,
            "IMAGEEXPORT_DEFAULT_BUCKET" => TestApp.Bucket,
            _ => null,
        });
        var delivery = new NotificationDelivery(new StateStore(cos, TestApp.Bucket, TestApp.StatePrefix), harness.Channels, settings, harness.Time, harness.Logger);

        await delivery.DeliverAsync(NotificationDelivery.JobScope("job-42", "completed"), SomeNotification.Completed, CancellationToken.None);

        var signature = harness.SingleRequest.Headers["X-ImageExport-Signature"];
        Assert.NotEmpty(harness.Logs.Events);
        Assert.All(harness.Logs.Rendered, line =>
        {
            Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
            Assert.DoesNotContain(signature[7..], line, StringComparison.Ordinal);
        });
    }
}
