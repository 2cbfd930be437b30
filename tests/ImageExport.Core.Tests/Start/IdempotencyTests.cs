using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Start;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task TheSameKeyWithTheSameBodyReturnsTheSameJobAndStartsNothingNew()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());

        var first = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), idempotencyKey: "nightly-2026-11-26");
        var again = await app.PostExportsAsync("{ \"bucket\": \"exports-1250000000\",\n \"imageIds\": [\"img-linux001\"] }", idempotencyKey: "nightly-2026-11-26");

        Assert.Equal(202, first.Status);
        Assert.Equal(202, again.Status);
        Assert.Equal(first.JobId, again.JobId);
        Assert.Equal("true", again.Headers["Idempotent-Replayed"]);
        Assert.Single(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task TheSameKeyWithADifferentBodyIsAConflict()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));

        var first = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), idempotencyKey: "key-1");
        var conflicting = await app.PostExportsAsync(TestApp.ExportBody("img-linux002"), idempotencyKey: "key-1");

        Assert.Equal(409, conflicting.Status);
        Assert.Equal("IdempotencyConflict", conflicting.ErrorCode);
        Assert.Equal(first.JobId, conflicting.Body!["error"]!["jobId"]!.GetValue<string>());
        Assert.Single(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task ConcurrentRequestsWithTheSameKeyStartOneJob()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.PostExportsAsync(TestApp.ExportBody("img-linux001"), idempotencyKey: "same")));

        Assert.All(results, r => Assert.Equal(202, r.Status));
        Assert.Single(results.Select(r => r.JobId).Distinct());
        Assert.Single(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task WithoutAKeyEveryRequestIsANewJob()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));

        var first = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var second = await app.PostExportsAsync(TestApp.ExportBody("img-linux002"));

        Assert.NotEqual(first.JobId, second.JobId);
    }
}
