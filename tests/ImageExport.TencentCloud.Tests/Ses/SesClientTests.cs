using System.Text.Json;
using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Ses;
using ImageExport.TencentCloud.Signing;
using ImageExport.TencentCloud.Tests.Support;

namespace ImageExport.TencentCloud.Tests.Ses;

public sealed class SesClientTests
{
    private static SendEmailRequest Email => new()
    {
        FromEmailAddress = "ImageExport <noreply@example.com>",
        Destination = ["ops@example.com"],
        Subject = "Export completed",
        Template = new SesTemplate(12345, """{"jobId":"job-1"}"""),
        TriggerType = 1,
    };

    [Fact]
    public async Task SendEmailPostsTheTemplatedMessageToSes()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json("""{"Response":{"MessageId":"msg-1","RequestId":"req-1"}}"""));
        var settings = Some.LocalSettings with { SesEndpoint = new Uri("https://ses.tencentcloudapi.com"), SesRegion = "ap-hongkong" };
        var ses = new SesClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), settings, Some.Policy(Some.Time()));

        var response = await ses.SendEmailAsync(Email, CancellationToken.None);

        Assert.Equal(new SendEmailResponse("msg-1", "req-1"), response);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("SendEmail", sent.Header("X-TC-Action"));
        Assert.Equal("2020-10-02", sent.Header("X-TC-Version"));
        Assert.Equal("ap-hongkong", sent.Header("X-TC-Region"));
        Assert.True(Tc3AuthorizationParser.TryParse(sent.Header("Authorization"), out var authorization));
        Assert.Equal("ses", authorization.Service);
        Verify.Tc3(sent, Some.SecretKey);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("ops@example.com", body.RootElement.GetProperty("Destination")[0].GetString());
        Assert.Equal(12345UL, body.RootElement.GetProperty("Template").GetProperty("TemplateID").GetUInt64());
        Assert.Equal("""{"jobId":"job-1"}""", body.RootElement.GetProperty("Template").GetProperty("TemplateData").GetString());
        Assert.False(body.RootElement.TryGetProperty("ReplyToAddresses", out _));
    }

    [Fact]
    public async Task AnEmailThatMayHaveBeenSentIsNotSentAgain()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json("""{"Response":{"Error":{"Code":"InternalError","Message":"m"},"RequestId":"r"}}"""));
        var time = Some.Time();
        var ses = new SesClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), Some.LocalSettings, Some.Policy(time));

        await Assert.ThrowsAsync<TencentCloudOutcomeUnknownException>(() => Clock.RunAsync(time, ses.SendEmailAsync(Email, CancellationToken.None)));

        Assert.Single(handler.Requests);
    }
}
