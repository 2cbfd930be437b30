using ImageExport.Local.Emulator.Faults;
using ImageExport.Reliability.Tests.Support;

namespace ImageExport.Reliability.Tests;

/// <summary>IMAGEEXPORT_REQUEST_TIMEOUT_SECONDS reaches the clients the deployed functions build.</summary>
public sealed class RequestTimeoutTests
{
    [Fact]
    public async Task AHungCvmRequestIsGivenUpAfterTheConfiguredAttemptTimeoutAndTriedAgain()
    {
        await using var stack = await ReliabilityStack.StartAsync(new StackSetup
        {
            Images = 1,
            Faults = new FaultPlan
            {
                Seed = 1,
                Cvm = new Dictionary<string, FaultRule> { ["DescribeImages"] = new FaultRule { Timeout = 1.0 } },
            },
            Environment = new Dictionary<string, string> { ["IMAGEEXPORT_REQUEST_TIMEOUT_SECONDS"] = "1" },
        });
        var keysBefore = stack.StateKeys();

        var (status, body, text) = await stack.PostExportAsync(ReliabilityStack.ExportBody(Catalog.ImageId(0)), null);

        // Every attempt hung and was given up after 1 s, so the client's four attempts end well inside the invocation's
        // time limit and the caller learns that CVM failed; with the default 20 s the invocation would run out first.
        Assert.True(status == 502, text);
        Assert.Equal("UpstreamError", (string?)body!["error"]!["code"]);
        Assert.Contains("ClientError.Timeout", (string?)body["error"]!["message"]);
        Assert.Equal(4, stack.Emulator.Faults.Counters["cvm:DescribeImages:Timeout"]);
        Assert.Equal(keysBefore, stack.StateKeys());
    }
}
