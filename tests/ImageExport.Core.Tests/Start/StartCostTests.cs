using ImageExport.Core.Tests.Poll;
using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Start;

public sealed class StartCostTests
{
    [Fact]
    public async Task AStartCountsFreeExportSlotsFromTheActiveKeysWithoutReadingEveryActiveJob()
    {
        const int Waiting = 2500;
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "1");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        await app.PostExportsAsync(TestApp.ExportBody("img-linux001")); // takes the only slot
        await PollCostTests.SeedQueuedJobsAsync(app, Waiting);
        app.Cos.ClearRequests();

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux002"));

        Assert.Equal(202, started.Status);
        Assert.Equal("queued", started.Body!["images"]![0]!["state"]!.GetValue<string>());
        Assert.Single(app.Cvm.ExportCalls);
        // Other jobs are known from the active/ listing alone: none of their event logs is listed or read.
        Assert.DoesNotContain(app.Cos.Requests, r => r.Contains("jobs/", StringComparison.Ordinal) && !r.Contains(started.JobId, StringComparison.Ordinal));
        Assert.True(app.Cos.Requests.Count < 40, $"{app.Cos.Requests.Count} requests:\n" + string.Join("\n", app.Cos.Requests.Take(60)));
    }
}
