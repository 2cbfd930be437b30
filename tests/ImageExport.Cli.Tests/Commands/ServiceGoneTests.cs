using ImageExport.Cli.Tests.Support;

namespace ImageExport.Cli.Tests.Commands;

/// <summary>The service disappearing while the CLI waits: retried, then exit 6, never a hang or a wrong verdict.</summary>
public sealed class ServiceGoneTests
{
    [Fact]
    public async Task TheStackStoppedMidWaitGivesExitSixAfterItsRetries()
    {
        await using var stack = await StackServer.StartAsync(exportSecondsPerGib: 5);
        var recorder = new RecordingHandler();
        var started = await CliRun.Against(stack).RunAsync("start", "img-demolnx1", "--root-disk-only");
        var jobId = (string)started.Json()["jobId"]!;

        var waiting = CliRun.Against(stack, recorder).RunAsync("wait", jobId);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (recorder.Exchanges.Count(e => e.Status == 200) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.False(waiting.IsCompleted);
        await stack.StopAsync();
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("unreachable", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("after 4 attempts", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, result.Stderr.Split('\n').Count(l => l.Contains("; retry ", StringComparison.Ordinal)));
        Assert.Equal("Unavailable", (string?)result.Json()["error"]!["code"]);
    }
}
