using ImageExport.Core.Tests.Schedules;
using ImageExport.Core.Tests.Support;
using static ImageExport.Core.Tests.Schedules.ScheduleHarness;

namespace ImageExport.Core.Tests.Jobs;

/// <summary>
/// Both listings' cursors are the last index key looked at, base64url without padding. A client pages through a
/// deploy, so a cursor the previous version handed out must page on, and the new version must hand out the same one.
/// </summary>
public sealed class ListingCursorTests
{
    [Fact]
    public async Task TheJobListingTakesAndGivesTheCursorItAlwaysHas()
    {
        var app = new TestApp();
        var oldest = await StartAsync(app, "img-linux001");
        var older = await StartAsync(app, "img-linux002");
        await StartAsync(app, "img-linux003");
        var newest = app.StateKeys("index/")[0];

        var first = await app.SendAsync("GET", "/exports", query: new() { ["limit"] = "1" });
        var rest = await app.SendAsync("GET", "/exports", query: new() { ["cursor"] = CursorAsMadeBefore(newest) });

        Assert.Equal(CursorAsMadeBefore(newest), first.Body!["nextCursor"]!.GetValue<string>());
        Assert.Equal(200, rest.Status);
        Assert.Equal([older, oldest], rest.Body!["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheScheduleListingTakesAndGivesTheCursorItAlwaysHas()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage("img-golden01"));
        var older = await h.RunWeekAsync(0, Weekly("weekly-golden", Ids("img-golden01")));
        await h.RunWeekAsync(1, Weekly("weekly-golden", Ids("img-golden01")));
        var newest = h.App.StateKeys("schedules/weekly-golden/runs/")[0];

        var first = await h.App.SendAsync("GET", "/exports", query: new() { ["schedule"] = "weekly-golden", ["limit"] = "1" });
        var rest = await h.App.SendAsync("GET", "/exports", query: new() { ["schedule"] = "weekly-golden", ["cursor"] = CursorAsMadeBefore(newest) });

        Assert.Equal(CursorAsMadeBefore(newest), first.Body!["nextCursor"]!.GetValue<string>());
        Assert.Equal(200, rest.Status);
        Assert.Equal([older], rest.Body!["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()));
    }

    private static async Task<string> StartAsync(TestApp app, string imageId)
    {
        app.Cvm.Catalog.Add(Some.LinuxImage(imageId));
        var jobId = (await app.PostExportsAsync(TestApp.ExportBody(imageId))).JobId;
        app.Time.Advance(TimeSpan.FromMinutes(1));
        return jobId;
    }

    // Written out here rather than calling the code's codec, so a change to the codec cannot pass unnoticed.
    private static string CursorAsMadeBefore(string indexKey) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(indexKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
