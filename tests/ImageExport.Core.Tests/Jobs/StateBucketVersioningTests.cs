using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Jobs;

/// <summary>
/// The job store's race safety is x-cos-forbid-overwrite, which COS ignores on a bucket that ever had versioning:
/// there the functions refuse to write rather than lose events to a racing writer.
/// </summary>
public sealed class StateBucketVersioningTests
{
    [Theory]
    [InlineData("Enabled")]
    [InlineData("Suspended")]
    public async Task OnAStateBucketThatEverHadVersioningAStartIsRefusedAndNothingIsRecordedOrExported(string status)
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cos.SetVersioning(TestApp.Bucket, status);

        var result = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        Assert.Equal(503, result.Status);
        Assert.Equal("StateBucketVersioned", result.ErrorCode);
        var message = result.Body!["error"]!["message"]!.GetValue<string>();
        Assert.Contains(TestApp.Bucket, message, StringComparison.Ordinal);
        Assert.Contains("IMAGEEXPORT_STATE_BUCKET", message, StringComparison.Ordinal);
        Assert.Empty(app.Cos.AllKeys());
        Assert.Empty(app.Cvm.ExportCalls);
        Assert.Contains(app.Logs.Lines, l => l.Contains("versioning", StringComparison.Ordinal) && l.Contains(status, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheVersioningIsAskedOncePerInstanceBeforeItsFirstWrite()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));

        await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        await app.PostExportsAsync(TestApp.ExportBody("img-linux002"));

        var requests = app.Cos.Requests.ToList();
        Assert.Single(requests, r => r.StartsWith("VERSIONING ", StringComparison.Ordinal));
        Assert.True(requests.FindIndex(r => r.StartsWith("VERSIONING ", StringComparison.Ordinal)) < requests.FindIndex(r => r.StartsWith("PUT ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AVersioningCheckThatFailedIsAskedAgainByTheNextRequestAndRecordsNothingMeanwhile()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cos.VersioningFailures = 1;

        var failed = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), idempotencyKey: "retry-1");
        Assert.Equal(502, failed.Status);
        Assert.Empty(app.Cos.AllKeys());
        Assert.Empty(app.Cvm.ExportCalls);

        var retried = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), idempotencyKey: "retry-1");

        Assert.Equal(202, retried.Status);
        Assert.Equal(2, app.Cos.Requests.Count(r => r.StartsWith("VERSIONING ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadsNeedNoVersioningCheck()
    {
        var app = new TestApp();
        app.Cos.SetVersioning(TestApp.Bucket, "Enabled");

        var list = await app.SendAsync("GET", "/exports");

        Assert.Equal(200, list.Status);
        Assert.DoesNotContain(app.Cos.Requests, r => r.StartsWith("VERSIONING ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APollInstanceChecksForItselfAndRecordsNothingInAVersionedBucket()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        Assert.Equal(202, started.Status);
        // Versioning switched on after the start instance checked; the poll instance has not checked yet.
        app.Cos.SetVersioning(TestApp.Bucket, "Enabled");
        var state = app.StateKeys();
        app.Cvm.Finish("img-linux001");

        await app.PollAsync();

        Assert.Equal(state, app.StateKeys());
        Assert.All(app.Channels, c => Assert.Empty(c.Delivered));
        Assert.Contains(app.Logs.Lines, l => l.Contains("has versioning", StringComparison.Ordinal) && l.Contains("Enabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutTheCheckTwoRacingCreatesWouldBothSucceedOnAVersionedBucket()
    {
        // What the check protects against, shown on the fake (the emulator test shows it over HTTP).
        var cos = new FakeCos(TimeProvider.System);
        cos.AddBucket("state-1250000000", "ap-guangzhou");
        cos.SetVersioning("state-1250000000", "Suspended");

        await cos.PutObjectAsync("state-1250000000", "jobs/j/0002.json", "a"u8.ToArray(), null, forbidOverwrite: true, CancellationToken.None);
        await cos.PutObjectAsync("state-1250000000", "jobs/j/0002.json", "b"u8.ToArray(), null, forbidOverwrite: true, CancellationToken.None);

        Assert.Equal("b", cos.Text("state-1250000000", "jobs/j/0002.json"));
    }
}
