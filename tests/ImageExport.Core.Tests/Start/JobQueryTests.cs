using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Start;

public sealed class JobQueryTests
{
    [Fact]
    public async Task JobsAreListedNewestFirstPageByPageWithAnOpaqueCursor()
    {
        var app = new TestApp();
        var ids = new List<string>();
        foreach (var n in new[] { "img-linux001", "img-linux002", "img-linux003" })
        {
            app.Cvm.Catalog.Add(Some.LinuxImage(n));
            ids.Add((await app.PostExportsAsync(TestApp.ExportBody(n))).JobId);
            app.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await app.SendAsync("GET", "/exports", query: new() { ["limit"] = "2" });
        var cursor = first.Body!["nextCursor"]!.GetValue<string>();
        var second = await app.SendAsync("GET", "/exports", query: new() { ["limit"] = "2", ["cursor"] = cursor });

        Assert.Equal([ids[2], ids[1]], first.Body["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()));
        Assert.Equal([ids[0]], second.Body!["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()));
        Assert.Null(second.Body["nextCursor"]);
        Assert.True(second.Body.AsObject().ContainsKey("nextCursor"));
    }

    [Fact]
    public async Task AJobReadsAsWrittenTimesAndNamesAreNotEscaped()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001") with { OsName = "CentOS 7.9 64位" });
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");

        var body = job.Raw["body"]!.GetValue<string>();
        Assert.Contains("+00:00", body);
        Assert.Contains("CentOS 7.9 64位", body);
        Assert.DoesNotContain("\\u", body);
        Assert.Equal("nosniff", job.Headers["X-Content-Type-Options"]);
    }

    [Fact]
    public async Task JobsCanBeFilteredByState()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        var done = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var running = await app.PostExportsAsync(TestApp.ExportBody("img-linux002"));
        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        var completed = await app.SendAsync("GET", "/exports", query: new() { ["state"] = "completed" });
        var exporting = await app.SendAsync("GET", "/exports", query: new() { ["state"] = "exporting" });

        Assert.Equal([done.JobId], completed.Body!["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()));
        Assert.Equal([running.JobId], exporting.Body!["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("state", "finished")]
    [InlineData("limit", "0")]
    [InlineData("limit", "101")]
    [InlineData("limit", "ten")]
    [InlineData("cursor", "not-a-cursor")]
    public async Task ABadQueryParameterIsABadRequestNamingIt(string name, string value)
    {
        var app = new TestApp();

        var result = await app.SendAsync("GET", "/exports", query: new() { [name] = value });

        Assert.Equal(400, result.Status);
        Assert.Equal([name], result.Body!["error"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task AJobShowsEveryImageAndFileAsTheContractDescribes()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", dataDisks: 1));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var files = app.Cvm.Finish("img-linux001");
        await app.NotifyAsync([files[0]]);

        var job = (await app.SendAsync("GET", $"/exports/{started.JobId}")).Body!;

        foreach (var field in new[] { "jobId", "state", "createdAt", "updatedAt", "bucket", "region", "format", "images" })
        {
            Assert.NotNull(job[field]);
        }
        var image = job["images"]![0]!;
        foreach (var field in new[] { "imageId", "state", "taskId", "cosPaths", "files", "problems" })
        {
            Assert.NotNull(image[field]);
        }
        var landed = image["files"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == files[0].Key)!;
        Assert.Equal("landed", landed["state"]!.GetValue<string>());
        Assert.Equal(files[0].Size, landed["size"]!.GetValue<long>());
        Assert.NotNull(landed["landedAt"]);
        Assert.Equal("pending", image["files"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == files[1].Key)!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task LogLinesCarryTheRequestIdAndTheJobId()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        Assert.Contains(app.Logs.Lines, l => l.Contains("RequestId=", StringComparison.Ordinal) && l.Contains($"JobId=\"{started.JobId}\"", StringComparison.Ordinal));
    }
}
