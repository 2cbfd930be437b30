using ImageExport.Local.Emulator.Faults;
using ImageExport.Reliability.Tests.Support;
using Serilog.Events;

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
        Assert.Equal([1, 2, 3], RetriedAttempts(stack, "DescribeImages"));
        Assert.Equal(keysBefore, stack.StateKeys());

        // The emulator counts a hung request when it reads it; on a loaded machine the last attempt's connection can be
        // read after the client has already given up on it, so the count may trail the answer by a moment.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (stack.Emulator.Faults.Counters["cvm:DescribeImages:Timeout"] < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(4, stack.Emulator.Faults.Counters["cvm:DescribeImages:Timeout"]);
    }

    // The client's own account: each given-up attempt but the last is logged as retried, with the timeout's code.
    private static int[] RetriedAttempts(ReliabilityStack stack, string operation) =>
        [.. stack.Log.Events
            .Where(e => e.Level == LogEventLevel.Warning
                && e.Properties.TryGetValue("Operation", out var op) && op.ToString().Trim('"').EndsWith(operation, StringComparison.Ordinal)
                && e.Properties.TryGetValue("Code", out var code) && code.ToString().Trim('"') == "ClientError.Timeout"
                && e.Properties.TryGetValue("MaxAttempts", out var max) && max.ToString() == "4")
            .Select(e => int.Parse(e.Properties["Attempt"].ToString(), System.Globalization.CultureInfo.InvariantCulture))
            .Order()];
}
