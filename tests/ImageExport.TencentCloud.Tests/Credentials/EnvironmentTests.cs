using ImageExport.Configuration;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.TencentCloud.Tests.Credentials;

public sealed class EnvironmentTests
{
    [Fact]
    public void CredentialsAreReadAfreshOnEveryCallBecauseScfRotatesThem()
    {
        var environment = new Dictionary<string, string?>
        {
            ["TENCENTCLOUD_SECRETID"] = "AKIDfirst",
            ["TENCENTCLOUD_SECRETKEY"] = "first-key",
            ["TENCENTCLOUD_SESSIONTOKEN"] = "first-token",
        };
        var provider = new EnvironmentCredentialsProvider(name => environment.GetValueOrDefault(name));

        var first = provider.GetCredentials();
        environment["TENCENTCLOUD_SECRETID"] = "AKIDsecond";
        environment["TENCENTCLOUD_SECRETKEY"] = "second-key";
        environment["TENCENTCLOUD_SESSIONTOKEN"] = "second-token";
        var second = provider.GetCredentials();

        Assert.Equal(new TencentCredentials("AKIDfirst", "first-key", "first-token"), first);
        Assert.Equal(new TencentCredentials("AKIDsecond", "second-key", "second-token"), second);
    }

    [Fact]
    public void WithoutASessionTokenTheKeysArePermanent()
    {
        var environment = new Dictionary<string, string?> { ["TENCENTCLOUD_SECRETID"] = "AKID", ["TENCENTCLOUD_SECRETKEY"] = "key", ["TENCENTCLOUD_SESSIONTOKEN"] = "" };

        var credentials = new EnvironmentCredentialsProvider(name => environment.GetValueOrDefault(name)).GetCredentials();

        Assert.Null(credentials.SessionToken);
    }

    [Fact]
    public void MissingKeysAreReportedByTheVariableNames()
    {
        var error = Assert.Throws<ImageExportConfigurationException>(() => new EnvironmentCredentialsProvider(_ => null).GetCredentials());

        Assert.Contains("TENCENTCLOUD_SECRETID", error.Message);
    }

    [Fact]
    public void PrintingCredentialsNeverShowsTheKeyOrToken()
    {
        var text = new TencentCredentials("AKIDvisible", "hidden-key", "hidden-token").ToString();

        Assert.Contains("AKIDvisible", text);
        Assert.DoesNotContain("hidden-key", text);
        Assert.DoesNotContain("hidden-token", text);
    }

    [Fact]
    public void SettingsDefaultToTencentsPublicEndpoints()
    {
        var settings = TencentCloudSettings.FromEnvironment(name => name == "TENCENTCLOUD_REGION" ? "ap-shanghai" : null);

        Assert.Equal("ap-shanghai", settings.Region);
        Assert.Null(settings.AppId);
        Assert.Equal(new Uri("https://cvm.tencentcloudapi.com"), settings.CvmEndpoint);
        Assert.Null(settings.CosEndpoint);
        Assert.Equal(new Uri("https://ses.tencentcloudapi.com"), settings.SesEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(3600), settings.TemporaryCredentialsLifetime);
    }

    [Fact]
    public void SettingsTakeEveryOverrideFromTheEnvironment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["TENCENTCLOUD_REGION"] = "ap-guangzhou",
            ["TENCENTCLOUD_APPID"] = "1250000000",
            ["IMAGEEXPORT_CVM_ENDPOINT"] = "http://127.0.0.1:9100",
            ["IMAGEEXPORT_COS_ENDPOINT"] = "http://127.0.0.1:9200",
            ["IMAGEEXPORT_SES_ENDPOINT"] = "http://127.0.0.1:9300",
            ["IMAGEEXPORT_SES_REGION"] = "ap-hongkong",
            ["IMAGEEXPORT_TEMP_CREDENTIALS_LIFETIME_SECONDS"] = "900",
        };

        var settings = TencentCloudSettings.FromEnvironment(name => environment.GetValueOrDefault(name));

        Assert.Equal("1250000000", settings.AppId);
        Assert.Equal(new Uri("http://127.0.0.1:9100"), settings.CvmEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9200"), settings.CosEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9300"), settings.SesEndpoint);
        Assert.Equal("ap-hongkong", settings.SesRegion);
        Assert.Equal(TimeSpan.FromMinutes(15), settings.TemporaryCredentialsLifetime);
    }

    [Theory]
    [InlineData("TENCENTCLOUD_REGION", null)]
    [InlineData("IMAGEEXPORT_CVM_ENDPOINT", "127.0.0.1:9100")]
    [InlineData("IMAGEEXPORT_TEMP_CREDENTIALS_LIFETIME_SECONDS", "an hour")]
    [InlineData("IMAGEEXPORT_TEMP_CREDENTIALS_LIFETIME_SECONDS", "0")]
    public void AMissingRegionOrAnUnreadableValueIsReportedByItsVariableName(string variable, string? value)
    {
        var environment = new Dictionary<string, string?> { ["TENCENTCLOUD_REGION"] = "ap-guangzhou", [variable] = value };

        var error = Assert.Throws<ImageExportConfigurationException>(() => TencentCloudSettings.FromEnvironment(name => environment.GetValueOrDefault(name)));

        Assert.Contains(variable, error.Message);
    }
}
