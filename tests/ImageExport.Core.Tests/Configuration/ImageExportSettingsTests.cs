using ImageExport.Configuration;
using ImageExport.Core.Configuration;

namespace ImageExport.Core.Tests.Configuration;

public sealed class ImageExportSettingsTests
{
    private static readonly Dictionary<string, string> Minimal = new()
    {
        ["TENCENTCLOUD_REGION"] = "ap-guangzhou",
        ["IMAGEEXPORT_DEFAULT_BUCKET"] = "exports-1250000000",
    };

    private static ImageExportSettings Read(Dictionary<string, string> env) => ImageExportSettings.FromEnvironment(name => env.GetValueOrDefault(name));

    [Fact]
    public void DefaultsApplyWhenOnlyRegionAndBucketAreSet()
    {
        var settings = Read(Minimal);

        Assert.Equal("exports-1250000000", settings.StateBucket);
        Assert.Equal(".image-export/", settings.StatePrefix);
        Assert.Equal("CVM_QcsRole", settings.RoleName);
        Assert.Equal(5, settings.MaxConcurrentExports);
        Assert.Equal(TimeSpan.FromMinutes(60), settings.ExportTimeoutBase);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.ExportTimeoutPerGiB);
        Assert.Equal(65536, settings.MaxBodyBytes);
        Assert.Equal(TimeSpan.FromHours(24), settings.DownloadLinkLifetime);
        Assert.True(settings.ApiTokens.IsEmpty);
        Assert.False(settings.AuthDisabled);
    }

    [Fact]
    public void EveryVariableIsRead()
    {
        var settings = Read(new Dictionary<string, string>(Minimal)
        {
            ["TENCENTCLOUD_APPID"] = "1250000000",
            ["IMAGEEXPORT_STATE_BUCKET"] = "state-1250000000",
            ["IMAGEEXPORT_STATE_PREFIX"] = "jobs-state",
            ["IMAGEEXPORT_ROLE_NAME"] = "ExportRole",
            ["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "2",
            ["IMAGEEXPORT_EXPORT_TIMEOUT_BASE_MINUTES"] = "90",
            ["IMAGEEXPORT_EXPORT_TIMEOUT_MINUTES_PER_GIB"] = "1.5",
            ["IMAGEEXPORT_MAX_BODY_BYTES"] = "2048",
            ["IMAGEEXPORT_DOWNLOAD_LINK_HOURS"] = "6",
            ["IMAGEEXPORT_NOTIFY_LEASE_MINUTES"] = "5",
            ["IMAGEEXPORT_NOTIFY_MAX_ATTEMPTS"] = "4",
            ["IMAGEEXPORT_NOTIFY_RETRY_MINUTES"] = "2",
            ["IMAGEEXPORT_UNKNOWN_SUBMIT_GRACE_MINUTES"] = "45",
            ["IMAGEEXPORT_UNKNOWN_RESUBMIT_LIMIT"] = "1",
            ["IMAGEEXPORT_REQUEST_TIMEOUT_SECONDS"] = "7.5",
            ["IMAGEEXPORT_POLL_RESERVE_SECONDS"] = "8",
            ["IMAGEEXPORT_HTTP_BASE_PATH"] = "api/",
            ["IMAGEEXPORT_AUTH_DISABLED"] = "yes",
        });

        Assert.Equal("1250000000", settings.AppId);
        Assert.Equal("state-1250000000", settings.StateBucket);
        Assert.Equal("jobs-state/", settings.StatePrefix);
        Assert.Equal("ExportRole", settings.RoleName);
        Assert.Equal(2, settings.MaxConcurrentExports);
        Assert.Equal(TimeSpan.FromMinutes(90), settings.ExportTimeoutBase);
        Assert.Equal(TimeSpan.FromMinutes(1.5), settings.ExportTimeoutPerGiB);
        Assert.Equal(2048, settings.MaxBodyBytes);
        Assert.Equal(TimeSpan.FromHours(6), settings.DownloadLinkLifetime);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.NotificationLease);
        Assert.Equal(4, settings.NotificationMaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.NotificationRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(45), settings.UnknownSubmitGrace);
        Assert.Equal(1, settings.UnknownResubmitLimit);
        Assert.Equal(TimeSpan.FromSeconds(7.5), settings.RequestAttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(8), settings.PollReserve);
        Assert.Equal("/api", settings.HttpBasePath);
        Assert.True(settings.AuthDisabled);
    }

    [Fact]
    public void TokensAreKeptOnlyAsHashesAndMatchedExactly()
    {
        var settings = Read(new Dictionary<string, string>(Minimal) { ["IMAGEEXPORT_API_TOKENS"] = " alpha-token-0123456789 ,beta-token-0123456789," });

        Assert.Equal(2, settings.ApiTokens.Count);
        Assert.True(settings.ApiTokens.Matches("alpha-token-0123456789"));
        Assert.True(settings.ApiTokens.Matches("beta-token-0123456789"));
        Assert.False(settings.ApiTokens.Matches("alpha-token-012345678"));
        Assert.DoesNotContain("alpha", settings.ToString());
    }

    [Theory]
    [InlineData("TENCENTCLOUD_REGION", "")]
    [InlineData("TENCENTCLOUD_REGION", "Guangzhou")]
    [InlineData("TENCENTCLOUD_APPID", "12ab")]
    [InlineData("IMAGEEXPORT_DEFAULT_BUCKET", "NoAppId")]
    [InlineData("IMAGEEXPORT_STATE_BUCKET", "state_bucket-1")]
    [InlineData("IMAGEEXPORT_STATE_PREFIX", "/abs/")]
    [InlineData("IMAGEEXPORT_ROLE_NAME", "bad role")]
    [InlineData("IMAGEEXPORT_API_TOKENS", "short")]
    [InlineData("IMAGEEXPORT_AUTH_DISABLED", "maybe")]
    [InlineData("IMAGEEXPORT_MAX_CONCURRENT_EXPORTS", "-1")]
    [InlineData("IMAGEEXPORT_MAX_CONCURRENT_EXPORTS", "two")]
    [InlineData("IMAGEEXPORT_EXPORT_TIMEOUT_BASE_MINUTES", "0")]
    [InlineData("IMAGEEXPORT_EXPORT_TIMEOUT_MINUTES_PER_GIB", "1,5")]
    [InlineData("IMAGEEXPORT_MAX_BODY_BYTES", "100")]
    [InlineData("IMAGEEXPORT_DOWNLOAD_LINK_HOURS", "1000")]
    [InlineData("IMAGEEXPORT_NOTIFY_LEASE_MINUTES", "NaN")]
    [InlineData("IMAGEEXPORT_NOTIFY_MAX_ATTEMPTS", "0")]
    [InlineData("IMAGEEXPORT_NOTIFY_RETRY_MINUTES", "-3")]
    [InlineData("IMAGEEXPORT_UNKNOWN_SUBMIT_GRACE_MINUTES", "0")]
    [InlineData("IMAGEEXPORT_UNKNOWN_RESUBMIT_LIMIT", "11")]
    [InlineData("IMAGEEXPORT_REQUEST_TIMEOUT_SECONDS", "0.5")]
    [InlineData("IMAGEEXPORT_UNKNOWN_RESUBMIT_LIMIT", "-1")]
    [InlineData("IMAGEEXPORT_POLL_RESERVE_SECONDS", "x")]
    [InlineData("IMAGEEXPORT_HTTP_BASE_PATH", "/a b")]
    public void AnInvalidValueIsAStartupErrorNamingTheVariable(string variable, string value)
    {
        var env = new Dictionary<string, string>(Minimal) { [variable] = value };

        var error = Assert.Throws<ImageExportConfigurationException>(() => Read(env));

        Assert.Equal(variable, error.Variable);
        Assert.StartsWith(variable, error.Message);
    }

    [Fact]
    public void WithoutAnyBucketTheStateBucketIsNamedAsMissing()
    {
        var error = Assert.Throws<ImageExportConfigurationException>(() => Read(new Dictionary<string, string> { ["TENCENTCLOUD_REGION"] = "ap-guangzhou" }));

        Assert.Equal("IMAGEEXPORT_STATE_BUCKET", error.Variable);
    }

    // COS limits the bucket's whole domain, <name>-<appid>.cos.<region>.myqcloud.com, to 60 characters, so the
    // longest name depends on the region: 31 characters fit in ap-seoul, 30 in ap-guangzhou.
    [Theory]
    [InlineData("ap-seoul", "exports-long-name-x-1250000000", true)]
    [InlineData("ap-seoul", "exports-long-name-xy-1250000000", true)]
    [InlineData("ap-guangzhou", "exports-long-name-x-1250000000", true)]
    [InlineData("ap-guangzhou", "exports-long-name-xy-1250000000", false)]
    [InlineData("ap-guangzhou", "a-bucket-name-of-fifty-characters-ok-1250000000", false)]
    public void ABucketIsAcceptedOnlyWhenItsDomainInTheRegionFitsSixtyCharacters(string region, string bucket, bool accepted)
    {
        var env = new Dictionary<string, string> { ["TENCENTCLOUD_REGION"] = region, ["IMAGEEXPORT_DEFAULT_BUCKET"] = bucket };

        var error = Record.Exception(() => Read(env));

        if (accepted)
        {
            Assert.Null(error);
        }
        else
        {
            var configuration = Assert.IsType<ImageExportConfigurationException>(error);
            Assert.Equal("IMAGEEXPORT_DEFAULT_BUCKET", configuration.Variable);
            Assert.Contains($".cos.{region}.myqcloud.com at most 60 characters", configuration.Message);
        }
    }
}
