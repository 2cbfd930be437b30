using System.Text.Json;
using ImageExport.Core.Notifications;
using ImageExport.TencentCloud.Api;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

public sealed class EmailChannelTests
{
    private static readonly (string, string)[] Email =
    [
        ("IMAGEEXPORT_SES_FROM", "ImageExport <noreply@mail.example.com>"),
        ("IMAGEEXPORT_SES_TO", "ops@example.com, oncall@example.com"),
        ("IMAGEEXPORT_SES_TEMPLATE_ID", "12345"),
        ("IMAGEEXPORT_PRICE_PER_GB_MONTH", "0.118"),
    ];

    [Fact]
    public async Task ItSendsTheTemplateWithTheFactsAsAJsonString()
    {
        var ses = new RecordingSesApi();
        var harness = new ChannelHarness(ChannelHarness.Settings(Email), ses: ses);

        await harness.Channel("email").DeliverAsync(SomeNotification.Completed(), CancellationToken.None);

        var sent = Assert.Single(ses.Sent);
        Assert.Equal("ImageExport <noreply@mail.example.com>", sent.FromEmailAddress);
        Assert.Equal(["ops@example.com", "oncall@example.com"], sent.Destination);
        Assert.Equal("Image export completed: job job-42", sent.Subject);
        Assert.Equal(12345UL, sent.Template.TemplateID);

        using var data = JsonDocument.Parse(sent.Template.TemplateData);
        var root = data.RootElement;
        Assert.All(root.EnumerateObject(), property => Assert.Equal(JsonValueKind.String, property.Value.ValueKind));
        Assert.Equal("job-42", root.GetProperty("jobId").GetString());
        Assert.Equal("completed", root.GetProperty("outcome").GetString());
        Assert.Equal("ap-guangzhou", root.GetProperty("region").GetString());
        Assert.Equal("1 h 30 min 15 s", root.GetProperty("duration").GetString());
        Assert.Contains(SomeNotification.SystemKey + ": 10.00 GiB (10,737,418,240 bytes)", root.GetProperty("files").GetString(), StringComparison.Ordinal);
        Assert.Contains(SomeNotification.DownloadUrl(SomeNotification.DataKey).AbsoluteUri, root.GetProperty("files").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-03-01 10:00:00 (UTC)", root.GetProperty("linksValidUntil").GetString());
        Assert.Equal("10.50 GiB (11,274,289,152 bytes)", root.GetProperty("totalSize").GetString());
        Assert.Equal("1.24 CNY", root.GetProperty("monthlyStorageCost").GetString());
        Assert.Contains("public network is billed", root.GetProperty("feeNotes").GetString(), StringComparison.Ordinal);
        Assert.Contains("img-8a1b2c3d (web-base, TencentOS Server 3.1): completed", root.GetProperty("images").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedJobsEmailCarriesTheReason()
    {
        var ses = new RecordingSesApi();
        var harness = new ChannelHarness(ChannelHarness.Settings(Email), ses: ses);

        await harness.Channel("email").DeliverAsync(SomeNotification.Failed("export stalled for 6 h"), CancellationToken.None);

        var sent = Assert.Single(ses.Sent);
        Assert.Equal("Image export failed: job job-42", sent.Subject);
        using var data = JsonDocument.Parse(sent.Template.TemplateData);
        Assert.Equal("export stalled for 6 h", data.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AnSesErrorThrowsADeliveryError()
    {
        var ses = new RecordingSesApi(new TencentCloudException("FailedOperation.TemplateNotApproved", "template not approved", "req-9"));
        var harness = new ChannelHarness(ChannelHarness.Settings(Email), ses: ses);

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(
            () => harness.Channel("email").DeliverAsync(SomeNotification.Completed(), CancellationToken.None));

        Assert.Equal("email", error.Channel);
        Assert.Contains("TemplateNotApproved", error.Message, StringComparison.Ordinal);
    }
}
