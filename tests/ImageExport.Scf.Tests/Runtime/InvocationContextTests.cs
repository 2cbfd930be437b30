using ImageExport.Scf.Runtime;
using ImageExport.Scf.Tests.Support;

namespace ImageExport.Scf.Tests.Runtime;

public sealed class InvocationContextTests
{
    [Fact]
    public void PrintingAContextLeavesTheCredentialsOut()
    {
        var context = new InvocationContext
        {
            RequestId = "req-1",
            Handler = "exports.start",
            SecretId = Some.SecretId,
            SecretKey = Some.SecretKey,
            SessionToken = Some.SessionToken,
        };

        var text = context.ToString();

        Assert.Contains("req-1", text);
        Assert.Contains("HasCredentials = True", text);
        Assert.DoesNotContain(Some.SecretKey, text);
        Assert.DoesNotContain(Some.SessionToken, text);
        Assert.DoesNotContain(Some.SecretId, text);
    }

    [Theory]
    [InlineData(3_000, 500)]
    [InlineData(900_000, 45_000)]
    [InlineData(600, 300)]
    [InlineData(20_000, 1_000)]
    public void TheDefaultSafetyMarginIsHalfASecondOrFivePercentButNeverHalfTheLimit(int limitMs, int expectedMarginMs)
    {
        var margin = new FunctionHostOptions().SafetyMarginFor(TimeSpan.FromMilliseconds(limitMs));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMarginMs), margin);
    }

    [Theory]
    [InlineData("127.0.0.1", "9001", "http://127.0.0.1:9001/")]
    [InlineData("169.254.0.1", null, "http://169.254.0.1:9001/")]
    [InlineData("localhost:9100", null, "http://localhost:9100/")]
    [InlineData("http://127.0.0.1:9200", "1", "http://127.0.0.1:9200/")]
    public void TheRuntimeApiAddressIsBuiltFromTheScfVariables(string host, string? port, string expected)
    {
        var environment = new Dictionary<string, string?> { ["SCF_RUNTIME_API"] = host, ["SCF_RUNTIME_API_PORT"] = port };

        var uri = FunctionHost.RuntimeApiUri(name => environment.GetValueOrDefault(name), Serilog.Core.Logger.None);

        Assert.Equal(new Uri(expected), uri);
    }

    [Fact]
    public void WithoutScfRuntimeApiThereIsNoRuntimeApiAndImageModeIsChosen()
    {
        Assert.Null(FunctionHost.RuntimeApiUri(_ => null, Serilog.Core.Logger.None));
        Assert.Null(FunctionHost.RuntimeApiUri(_ => " ", Serilog.Core.Logger.None));
    }
}
