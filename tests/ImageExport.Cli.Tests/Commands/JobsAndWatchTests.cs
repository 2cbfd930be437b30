using ImageExport.Cli.Tests.Support;

namespace ImageExport.Cli.Tests.Commands;

/// <summary><c>images</c>, <c>jobs</c>, <c>job</c> and <c>job --watch</c>: machine-readable output that parses.</summary>
public sealed class JobsAndWatchTests(StackFixture app) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task ImagesPrintsTheCatalogAsOneJsonDocumentAndExportableKeepsOnlyTheExportable()
    {
        var all = await app.Cli().RunAsync("images", "--json");
        var exportable = await app.Cli().RunAsync("images", "--exportable");

        Assert.True(all.ExitCode == 0, all.ToString());
        var images = all.Json()["images"]!.AsArray();
        Assert.Contains(images, i => (string?)i!["imageId"] == "img-demowin1" && !(bool)i["exportable"]!);
        var kept = exportable.Json()["images"]!.AsArray();
        Assert.NotEmpty(kept);
        Assert.True(kept.Count < images.Count);
        Assert.All(kept, i => Assert.True((bool)i!["exportable"]!));
    }

    [Fact]
    public async Task InATerminalImagesIsATableWithTheProblemsInWords()
    {
        var result = await app.Cli(terminal: true).RunAsync("images");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("img-demowin1", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Windows custom images cannot be exported", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchEmitsOneJsonLinePerChangeUntilTheJobCompletes()
    {
        await using var stack = await StackServer.StartAsync(exportSecondsPerGib: 0.05);
        var started = await CliRun.Against(stack).RunAsync("start", "img-demolnx1");
        var jobId = (string)started.Json()["jobId"]!;

        var result = await CliRun.Against(stack).RunAsync("job", jobId, "--watch");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.JsonLines();
        Assert.True(lines.Count >= 2, result.ToString());
        Assert.NotEqual("completed", (string?)lines[0]["state"]);
        Assert.Equal("completed", (string?)lines[^1]["state"]);
        var landed = lines.Select(l => l["images"]![0]!["files"]!.AsArray().Count(f => (string?)f!["state"] == "landed")).ToList();
        Assert.Equal(landed.Order(), landed);
        Assert.Equal(lines.Count, lines.Select(l => l.ToJsonString()).Distinct().Count());
    }

    [Fact]
    public async Task JobsAndJobPrintJsonThatParses()
    {
        var started = await app.Cli().RunAsync("start", "img-demolnx2", "--root-disk-only", "--format", "vhd");
        var jobId = (string)started.Json()["jobId"]!;

        var jobs = await app.Cli().RunAsync("jobs", "--limit", "5");
        var job = await app.Cli().RunAsync("job", jobId);

        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        Assert.Contains(jobs.Json()["jobs"]!.AsArray(), j => (string?)j!["jobId"] == jobId);
        Assert.Equal(jobId, (string?)job.Json()["jobId"]);
        Assert.Equal("vhd", (string?)job.Json()["format"]);
        app.AssertAllAnswersMatchTheDocument();
    }

    [Fact]
    public async Task AnUnknownJobExitsTwoWithTheServicesMessage()
    {
        var result = await app.Cli().RunAsync("job", "exp-20000101t000000-00000000");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("NotFound", (string?)result.Json()["error"]!["code"]);
    }
}
