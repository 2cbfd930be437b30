using ImageExport.Cli.Tests.Support;

namespace ImageExport.Cli.Tests.Commands;

/// <summary><c>imageexport start</c> against the local stack, as a pipeline and as a person run it.</summary>
public sealed class StartAndWaitTests(StackFixture app) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task StartWithWaitOnADemoImageExitsZeroWithTheJobCompletedAndItsFilesListed()
    {
        var result = await app.Cli().RunAsync("start", "img-demolnx1", "--format", "qcow2", "--wait");

        Assert.True(result.ExitCode == 0, result.ToString());
        var job = result.Json();
        Assert.Equal("completed", (string?)job["state"]);
        var files = job["images"]![0]!["files"]!.AsArray();
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.True((string?)f!["state"] == "landed" && (long)f["size"]! > 0 && ((string)f["key"]!).EndsWith(".qcow2", StringComparison.Ordinal)));
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task InATerminalTheWaitEndsWithASummaryOfKeysSizesLinksAndFees()
    {
        var result = await app.Cli(terminal: true).RunAsync("start", "img-demolnx2", "--root-disk-only", "--wait");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("img-demolnx2_system_", result.Stdout, StringComparison.Ordinal);
        // The job's own presigned links (GET /exports/{jobId} signs one per landed file), each with its expiry.
        Assert.Contains("Download links (presigned)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("q-sign-algorithm=sha1", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("UTC:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("GiB", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("private network in the same region it is free", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStartSendsAnIdempotencyKeyPrintsItAndRunningItAgainWithTheKeyStartsNothingNew()
    {
        var first = await app.Cli().RunAsync("start", "img-demolnx1", "--root-disk-only", "--prefix", "again");
        var key = first.Stderr.Split("Idempotency-Key: ")[1].Split(' ')[0];
        var second = await app.Cli().RunAsync("start", "img-demolnx1", "--root-disk-only", "--prefix", "again", "--idempotency-key", key);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith("cli-", key, StringComparison.Ordinal);
        Assert.Equal((string?)first.Json()["jobId"], (string?)second.Json()["jobId"]);
        Assert.Contains("nothing new was started", second.Stderr, StringComparison.Ordinal);
        var posts = app.Recorder.Exchanges.Where(e => e.Method == "POST" && e.RequestBody!.Contains("\"again\"", StringComparison.Ordinal)).ToList();
        Assert.All(posts, p => Assert.Equal(key, p.RequestHeaders["Idempotency-Key"]));
    }

    [Fact]
    public async Task AWindowsImageIsRefusedWithExitThreeAndItsProblem()
    {
        var result = await app.Cli().RunAsync("start", "img-demowin1", "img-demobig1");

        Assert.True(result.ExitCode == 3, result.ToString());
        var problems = result.Json()["error"]!["problems"]!.AsArray().Select(p => (string?)p!["code"]).ToList();
        Assert.Equal(["image.windows", "image.diskTooLarge"], problems);
        Assert.Contains("img-demowin1: image.windows: img-demowin1 is a Windows image", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("img-demobig1: image.diskTooLarge: ", result.Stderr, StringComparison.Ordinal);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task ADryRunThatARuleRefusesExitsThreeAndStartsNothing()
    {
        var before = (await app.Cli().RunAsync("jobs", "--limit", "100")).Json()["jobs"]!.AsArray().Count;

        var refused = await app.Cli().RunAsync("start", "img-demowin1", "--dry-run");
        var passes = await app.Cli().RunAsync("start", "img-demolnx1", "--dry-run");

        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.True(passes.ExitCode == 0, passes.ToString());
        Assert.False((bool)refused.Json()["exportable"]!);
        Assert.Equal(before, (await app.Cli().RunAsync("jobs", "--limit", "100")).Json()["jobs"]!.AsArray().Count);
    }

    [Fact]
    public async Task AWrongTokenExitsFourAndTheTokenIsNeverPrinted()
    {
        var cli = app.Cli();
        cli.Environment["IMAGEEXPORT_TOKEN"] = "wrong-token-0123456789abcdef";

        var result = await cli.RunAsync("images");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Equal("Unauthorized", (string?)result.Json()["error"]!["code"]);
        Assert.DoesNotContain("wrong-token-0123456789abcdef", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitGivesUpWithExitFiveWhenTheTimeoutComesFirst()
    {
        await using var slow = await StackServer.StartAsync(exportSecondsPerGib: 5);
        var started = await CliRun.Against(slow).RunAsync("start", "img-demolnx1", "--root-disk-only");
        var jobId = (string)started.Json()["jobId"]!;

        var result = await CliRun.Against(slow).RunAsync("wait", jobId, "--timeout", "1s");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Equal("exporting", (string?)result.Json()["state"]);
        Assert.Contains("still exporting", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("start", "img-demolnx1", "--format", "zip")]
    [InlineData("wait", "exp-20261126t030000-0a1b2c3d", "--timeout", "soon")]
    [InlineData("start", "img-demolnx1", "--timeout", "5m")]
    [InlineData("jobs", "--limit", "0")]
    [InlineData("jobs", "--state", "lost")]
    [InlineData("frobnicate")]
    [InlineData()]
    public async Task AWrongCommandLineExitsTwoWithoutCallingTheService(params string[] args)
    {
        var before = app.Recorder.Exchanges.Count;

        var result = await app.Cli().RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("imageexport: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, app.Recorder.Exchanges.Count);
    }

    [Fact]
    public async Task WithNoUrlConfiguredTheCommandSaysHowToGiveOneAndExitsTwo()
    {
        var cli = app.Cli();
        cli.Environment.Remove("IMAGEEXPORT_URL");

        var result = await cli.RunAsync("images");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("IMAGEEXPORT_URL", result.Stderr, StringComparison.Ordinal);
    }
}
