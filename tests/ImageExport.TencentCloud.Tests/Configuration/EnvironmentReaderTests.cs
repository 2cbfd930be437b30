using ImageExport.Configuration;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.TencentCloud.Tests.Configuration;

/// <summary>
/// One reader of the environment serves the SCF host, these clients and the workflow: one region rule, one error type
/// naming the variable (docs/reference/cvm-cos-api.md §6 for the region IDs).
/// </summary>
public sealed class EnvironmentReaderTests
{
    private static TencentCloudSettings Settings(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => (string?)v.Value);
        return TencentCloudSettings.FromEnvironment(name => environment.GetValueOrDefault(name));
    }

    [Theory]
    [InlineData("ap-guangzhou")]
    [InlineData("ap-hongkong")]
    [InlineData("na-siliconvalley")]
    [InlineData("na-toronto")]
    [InlineData("eu-frankfurt")]
    [InlineData("ap-shanghai-fsi")]
    [InlineData("ap-shenzhen-fsi")]
    [InlineData("ap-beijing-1")]
    public void EveryRegionIdOfTencentsListsIsAccepted(string region)
    {
        Assert.Equal(region, Settings(("TENCENTCLOUD_REGION", region)).Region);
    }

    [Theory]
    [InlineData("Guangzhou")]
    [InlineData("AP-GUANGZHOU")]
    [InlineData("ap_guangzhou")]
    [InlineData("guangzhou")]
    [InlineData("ap-guangzhou3")]
    [InlineData("ap-")]
    public void ARegionOfAnotherShapeIsRejectedNamingTheVariable(string region)
    {
        var error = Assert.Throws<ImageExportConfigurationException>(() => Settings(("TENCENTCLOUD_REGION", region)));

        Assert.Equal("TENCENTCLOUD_REGION", error.Variable);
        Assert.Equal($"TENCENTCLOUD_REGION: '{region}' is not a region such as ap-guangzhou", error.Message);
    }

    [Fact]
    public void TheSesRegionIsGuangzhouWhateverTheFunctionsRegionUnlessSet()
    {
        Assert.Equal("ap-guangzhou", Settings(("TENCENTCLOUD_REGION", "ap-shanghai")).SesRegion);
        Assert.Equal("ap-hongkong", Settings(("TENCENTCLOUD_REGION", "ap-shanghai"), ("IMAGEEXPORT_SES_REGION", "ap-hongkong")).SesRegion);
    }

    [Fact]
    public void AnSesRegionOfAnotherShapeIsRejectedNamingItsVariable()
    {
        var error = Assert.Throws<ImageExportConfigurationException>(() =>
            Settings(("TENCENTCLOUD_REGION", "ap-shanghai"), ("IMAGEEXPORT_SES_REGION", "Hong Kong")));

        Assert.Equal("IMAGEEXPORT_SES_REGION", error.Variable);
    }

    [Fact]
    public void AnEndpointThatIsNotAUrlIsRejectedWithoutEchoingIt()
    {
        var error = Assert.Throws<ImageExportConfigurationException>(() =>
            Settings(("TENCENTCLOUD_REGION", "ap-guangzhou"), ("IMAGEEXPORT_COS_ENDPOINT", "cos-with-token-tok123")));

        Assert.Equal("IMAGEEXPORT_COS_ENDPOINT", error.Variable);
        Assert.DoesNotContain("tok123", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "key", "TENCENTCLOUD_SECRETID")]
    [InlineData("AKID", " ", "TENCENTCLOUD_SECRETKEY")]
    public void MissingKeysAreTheSameConfigurationErrorNamingTheMissingVariable(string? secretId, string? secretKey, string missing)
    {
        var environment = new Dictionary<string, string?> { ["TENCENTCLOUD_SECRETID"] = secretId, ["TENCENTCLOUD_SECRETKEY"] = secretKey };

        var error = Assert.Throws<ImageExportConfigurationException>(() =>
            new EnvironmentCredentialsProvider(name => environment.GetValueOrDefault(name)).GetCredentials());

        Assert.Equal(missing, error.Variable);
    }

    [Fact]
    public void BlankAndPaddedValuesReadAsUnsetAndTrimmed()
    {
        var environment = new Dictionary<string, string?> { ["A"] = "  ", ["B"] = " value ", ["C"] = null };
        var reader = new EnvironmentReader(name => environment.GetValueOrDefault(name));

        Assert.Null(reader.String("A"));
        Assert.Equal("value", reader.String("B"));
        Assert.Null(reader.String("C"));
    }
}
