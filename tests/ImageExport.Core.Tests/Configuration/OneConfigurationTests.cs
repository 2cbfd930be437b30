using ImageExport.Configuration;
using ImageExport.Core.Hosting;
using ImageExport.Core.Notifications;
using ImageExport.TencentCloud;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Configuration;

/// <summary>
/// Each setting is read by one rule with one default, and every configuration failure is the same exception naming
/// the variable, so the entry points and the local stack catch one type.
/// </summary>
public sealed class OneConfigurationTests
{
    private static readonly Dictionary<string, string> Email = new(StringComparer.Ordinal)
    {
        ["TENCENTCLOUD_REGION"] = "ap-shanghai",
        ["IMAGEEXPORT_DEFAULT_BUCKET"] = "images-1250000000",
        ["IMAGEEXPORT_SES_FROM"] = "noreply@mail.example.com",
        ["IMAGEEXPORT_SES_TO"] = "ops@example.com",
        ["IMAGEEXPORT_SES_TEMPLATE_ID"] = "1",
    };

    [Theory]
    [InlineData(null)]
    [InlineData("ap-hongkong")]
    public void TheEmailChannelAndTheSesClientUseTheSameSesRegion(string? sesRegion)
    {
        var env = new Dictionary<string, string>(Email);
        if (sesRegion is not null)
        {
            env["IMAGEEXPORT_SES_REGION"] = sesRegion;
        }

        var email = NotificationSettings.FromEnvironment(env.GetValueOrDefault).Email!;
        var cloud = TencentCloudSettings.FromEnvironment(env.GetValueOrDefault);

        Assert.Equal(sesRegion ?? "ap-guangzhou", email.Region);
        Assert.Equal(email.Region, cloud.SesRegion);
    }

    [Fact]
    public void AnUnknownHandlerIsAConfigurationErrorNamingHandler()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ImageExportConfigurationException>(() =>
            FunctionComposition.CreateHandler("exports.nothing", Email.GetValueOrDefault, http, TimeProvider.System, Serilog.Core.Logger.None));

        Assert.Equal("_HANDLER", error.Variable);
        Assert.Contains("exports.nothing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TENCENTCLOUD_REGION", "Shanghai")]
    [InlineData("IMAGEEXPORT_SES_REGION", "Hong Kong")]
    [InlineData("IMAGEEXPORT_WEBHOOK_URL", "not a url")]
    [InlineData("IMAGEEXPORT_CVM_ENDPOINT", "not a url")]
    [InlineData("IMAGEEXPORT_TEMP_CREDENTIALS_LIFETIME_SECONDS", "an hour")]
    [InlineData("IMAGEEXPORT_MAX_BODY_BYTES", "lots")]
    public void EveryMalformedVariableStopsTheCompositionWithTheOneConfigurationError(string variable, string value)
    {
        var env = new Dictionary<string, string>(Email) { [variable] = value };
        using var http = new HttpClient();

        var error = Assert.Throws<ImageExportConfigurationException>(() =>
            FunctionComposition.CreateHandler("exports.start", env.GetValueOrDefault, http, TimeProvider.System, Serilog.Core.Logger.None));

        Assert.Equal(variable, error.Variable);
    }
}
