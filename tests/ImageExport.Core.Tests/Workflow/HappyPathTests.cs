using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Workflow;

public sealed class HappyPathTests
{
    [Fact]
    public async Task AStartedExportWhoseFilesLandIsCompletedAndAnnouncedOncePerChannel()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", dataDisks: 1));

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        Assert.Equal(202, started.Status);
        var jobId = started.JobId;
        Assert.Equal("exporting", started.Body!["state"]!.GetValue<string>());
        Assert.Equal(2, started.Body["images"]![0]!["cosPaths"]!.AsArray().Count);
        var call = Assert.Single(app.Cvm.ExportCalls);
        Assert.Equal([jobId], call.FileNamePrefixList);
        Assert.Equal("RAW", call.ExportFormat);

        app.Time.Advance(TimeSpan.FromMinutes(20));
        var files = app.Cvm.Finish("img-linux001");
        await app.NotifyAsync(files);

        var job = await app.SendAsync("GET", $"/exports/{jobId}");
        Assert.Equal("completed", job.Body!["state"]!.GetValue<string>());
        Assert.All(job.Body["images"]![0]!["files"]!.AsArray(), f => Assert.Equal("landed", f!["state"]!.GetValue<string>()));
        foreach (var channel in app.Channels)
        {
            var notification = Assert.Single(channel.Delivered);
            Assert.Equal($"{jobId}:completed", notification.Id);
            Assert.Equal(jobId, notification.JobId);
            var image = Assert.Single(notification.Images);
            Assert.Equal("web-linux001", image.ImageName);
            Assert.Equal("TencentOS Server 3.1", image.OsName);
            Assert.Equal(files.Select(f => f.Key).Order(), image.Files.Select(f => f.Key).Order());
            Assert.Equal(20L << 30, image.Files.Single(f => f.Key.Contains("_system_")).Size);
            Assert.All(image.Files, f => Assert.NotNull(f.DownloadUrl));
        }
        Assert.Empty(app.StateKeys("active/"));
    }

    [Fact]
    public async Task NoJobRecordEndsLikeAnExportedFileSoTheCosTriggersNeverFireForThem()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", dataDisks: 2));
        foreach (var format in new[] { "raw", "qcow2", "vhd", "vmdk" })
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(TestApp.ExportBody("img-linux001"))!.AsObject();
            body["format"] = format;
            var started = await app.PostExportsAsync(body.ToJsonString());
            Assert.Equal(202, started.Status);
            await app.NotifyAsync(app.Cvm.Finish("img-linux001"));
        }

        var stateKeys = app.StateKeys("");
        Assert.Contains(stateKeys, k => k.Contains("paths/", StringComparison.Ordinal));
        Assert.DoesNotContain(stateKeys, k => k.EndsWith(".raw", StringComparison.Ordinal) || k.EndsWith(".qcow2", StringComparison.Ordinal)
            || k.EndsWith(".vhd", StringComparison.Ordinal) || k.EndsWith(".vmdk", StringComparison.Ordinal));
    }
}
