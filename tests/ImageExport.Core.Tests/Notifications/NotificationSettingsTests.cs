using ImageExport.Configuration;
using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

public sealed class NotificationSettingsTests
{
    private static NotificationSettings Read(params (string Name, string Value)[] variables) => ChannelHarness.Settings(variables);

    private static ImageExportConfigurationException Rejected(params (string Name, string Value)[] variables) =>
        Assert.Throws<ImageExportConfigurationException>(() => Read(variables));

    [Fact]
    public void WithNothingSetEveryChannelIsOffAndPricingHasItsDefaults()
    {
        var settings = Read();

        Assert.False(settings.AnyChannel);
        Assert.Null(settings.Pricing.PricePerGbMonth);
        Assert.Equal("CNY", settings.Pricing.Currency);
        Assert.Equal("STANDARD", settings.Pricing.StorageClass);
    }

    [Fact]
    public void BlankValuesLeaveTheirChannelsOff()
    {
        // serverless.yml passes empty strings for the variables an operator did not fill in.
        var settings = Read(
            ("IMAGEEXPORT_WEBHOOK_URL", ""), ("IMAGEEXPORT_WEBHOOK_SECRET", ""), ("IMAGEEXPORT_WECOM_WEBHOOK_URL", "  "),
            ("IMAGEEXPORT_SES_FROM", ""), ("IMAGEEXPORT_SES_TO", ""), ("IMAGEEXPORT_SES_TEMPLATE_ID", ""),
            ("IMAGEEXPORT_PRICE_PER_GB_MONTH", ""));

        Assert.False(settings.AnyChannel);
        Assert.Null(settings.Pricing.PricePerGbMonth);
    }

    [Fact]
    public void EveryChannelIsReadFromItsVariables()
    {
        var settings = Read(
            ("IMAGEEXPORT_WEBHOOK_URL", "https://hooks.example.com/x"), ("IMAGEEXPORT_WEBHOOK_SECRET", "s3cret"),
            ("IMAGEEXPORT_WECOM_WEBHOOK_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"),
            ("IMAGEEXPORT_DINGTALK_WEBHOOK_URL", "https://oapi.dingtalk.com/robot/send?access_token=t"), ("IMAGEEXPORT_DINGTALK_SECRET", "SECabc"),
            ("IMAGEEXPORT_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X"),
            ("IMAGEEXPORT_SES_FROM", "noreply@mail.example.com"), ("IMAGEEXPORT_SES_TO", " a@example.com ,b@example.com,"),
            ("IMAGEEXPORT_SES_TEMPLATE_ID", "65001"), ("IMAGEEXPORT_SES_REGION", "ap-hongkong"),
            ("IMAGEEXPORT_PRICE_PER_GB_MONTH", "0.118"), ("IMAGEEXPORT_PRICE_CURRENCY", "usd"), ("IMAGEEXPORT_STORAGE_CLASS", "standard_ia"));

        Assert.Equal(new Uri("https://hooks.example.com/x"), settings.Webhook!.Url);
        Assert.Equal("s3cret", settings.Webhook.Secret);
        Assert.Equal("k", settings.WeCom!.WebhookUrl.Query[5..]);
        Assert.Equal("SECabc", settings.DingTalk!.Secret);
        Assert.NotNull(settings.Slack);
        Assert.Equal("noreply@mail.example.com", settings.Email!.From);
        Assert.Equal(["a@example.com", "b@example.com"], settings.Email.To);
        Assert.Equal(65001UL, settings.Email.TemplateId);
        Assert.Equal("ap-hongkong", settings.Email.Region);
        Assert.Equal(new PricingSettings(0.118m, "USD", "STANDARD_IA"), settings.Pricing);
    }

    [Fact]
    public void TheSesRegionDefaultsToGuangzhou()
    {
        var settings = Read(("IMAGEEXPORT_SES_FROM", "n@example.com"), ("IMAGEEXPORT_SES_TO", "a@example.com"), ("IMAGEEXPORT_SES_TEMPLATE_ID", "1"));

        Assert.Equal("ap-guangzhou", settings.Email!.Region);
    }

    [Theory]
    [InlineData("IMAGEEXPORT_WEBHOOK_URL")]
    [InlineData("IMAGEEXPORT_WECOM_WEBHOOK_URL")]
    [InlineData("IMAGEEXPORT_DINGTALK_WEBHOOK_URL")]
    [InlineData("IMAGEEXPORT_SLACK_WEBHOOK_URL")]
    public void ABadUrlIsRejectedNamingTheVariableWithoutEchoingIt(string variable)
    {
        foreach (var bad in new[] { "not a url?token=tok123", "ftp://files.example.com/?token=tok123", "/relative?token=tok123" })
        {
            var error = Rejected((variable, bad), ("IMAGEEXPORT_WEBHOOK_SECRET", "s"));

            Assert.Equal(variable, error.Variable);
            Assert.Contains(variable, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("tok123", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0,118")]
    [InlineData("-1")]
    [InlineData("1e3")]
    public void ANonNumericOrNegativePriceIsRejected(string price)
    {
        var error = Rejected(("IMAGEEXPORT_PRICE_PER_GB_MONTH", price));

        Assert.Equal("IMAGEEXPORT_PRICE_PER_GB_MONTH", error.Variable);
    }

    [Theory]
    [InlineData("IMAGEEXPORT_PRICE_CURRENCY", "yuan")]
    [InlineData("IMAGEEXPORT_STORAGE_CLASS", "COLD")]
    [InlineData("IMAGEEXPORT_SES_TEMPLATE_ID", "tmpl-1")]
    [InlineData("IMAGEEXPORT_SES_TEMPLATE_ID", "0")]
    [InlineData("IMAGEEXPORT_SES_TO", "ops@example.com; dev@example.com")]
    [InlineData("IMAGEEXPORT_SES_FROM", "noreply")]
    [InlineData("IMAGEEXPORT_SES_REGION", "Guangzhou")]
    public void AMalformedValueIsRejectedNamingItsVariable(string variable, string value)
    {
        var variables = new Dictionary<string, string>
        {
            ["IMAGEEXPORT_SES_FROM"] = "noreply@mail.example.com",
            ["IMAGEEXPORT_SES_TO"] = "ops@example.com",
            ["IMAGEEXPORT_SES_TEMPLATE_ID"] = "1",
            [variable] = value,
        };

        var error = Rejected([.. variables.Select(pair => (pair.Key, pair.Value))]);

        Assert.Equal(variable, error.Variable);
    }

    [Fact]
    public void AWebhookWithoutASecretIsRejected()
    {
        var error = Rejected(("IMAGEEXPORT_WEBHOOK_URL", "https://hooks.example.com/x"));

        Assert.Equal("IMAGEEXPORT_WEBHOOK_SECRET", error.Variable);
    }

    [Theory]
    [InlineData("IMAGEEXPORT_SES_FROM", "IMAGEEXPORT_SES_TO", "IMAGEEXPORT_SES_TEMPLATE_ID")]
    [InlineData("IMAGEEXPORT_SES_TO", "IMAGEEXPORT_SES_FROM", "IMAGEEXPORT_SES_TEMPLATE_ID")]
    [InlineData("IMAGEEXPORT_SES_TEMPLATE_ID", "IMAGEEXPORT_SES_FROM", "IMAGEEXPORT_SES_TO")]
    public void HalfAnEmailConfigurationIsRejectedNamingWhatIsMissing(string missing, string set1, string set2)
    {
        var values = new Dictionary<string, string>
        {
            ["IMAGEEXPORT_SES_FROM"] = "noreply@mail.example.com",
            ["IMAGEEXPORT_SES_TO"] = "ops@example.com",
            ["IMAGEEXPORT_SES_TEMPLATE_ID"] = "1",
        };

        var error = Rejected((set1, values[set1]), (set2, values[set2]));

        Assert.Equal(missing, error.Variable);
    }

    [Fact]
    public void PrintingTheSettingsRevealsNoSecretOrToken()
    {
        var settings = Read(
            ("IMAGEEXPORT_WEBHOOK_URL", "https://hooks.example.com/path-token-1"), ("IMAGEEXPORT_WEBHOOK_SECRET", "secret-2"),
            ("IMAGEEXPORT_WECOM_WEBHOOK_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=token-3"),
            ("IMAGEEXPORT_DINGTALK_WEBHOOK_URL", "https://oapi.dingtalk.com/robot/send?access_token=token-4"), ("IMAGEEXPORT_DINGTALK_SECRET", "SECsecret-5"),
            ("IMAGEEXPORT_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/token-6"));

        var printed = settings.ToString();

        Assert.Contains("qyapi.weixin.qq.com", printed, StringComparison.Ordinal);
        foreach (var secret in new[] { "path-token-1", "secret-2", "token-3", "token-4", "secret-5", "token-6" })
        {
            Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
        }
    }
}
