using System.Text.Json.Nodes;
using ImageExport.Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImageExport.Console.Tests;

/// <summary>
/// What the page shows for answers the local stack does not produce on demand: the progress fields of design.md
/// ("progress of a running export") and a second page of jobs. The API's answers are stood in for in the browser
/// (Playwright routes), in the contract's shapes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProgressAndPagingTests(Chromium chromium)
{
    private const string JobId = "exp-20261126t101500-3f9a2c1b";

    [Fact]
    public async Task AFilesProgressRateAndTimeLeftAndAStalledImageAreShownInWords()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "progress");
        var page = browser.Page;
        await browser.SignInAsync();
        await page.RouteAsync(new System.Text.RegularExpressions.Regex($"/exports/{JobId}$"), route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = RunningJob().ToJsonString() }));

        await page.GotoAsync(stack.ConsoleUrl + "#/jobs/" + JobId);

        var system = page.Locator("tr[data-key='exp_img-demolnx1_system_snap-demosys1.raw']");
        await Expect(system.Locator("progress")).ToHaveAttributeAsync("value", "27");
        await Expect(system).ToContainTextAsync("27% · 5.4 GiB of 20.0 GiB · 14.3 MiB/s · about 21 min left");
        var data = page.Locator("tr[data-key='exp_img-demolnx1_data_snap-demodat1.raw']");
        await Expect(data).ToContainTextAsync("not observed yet");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Stalled: no progress since");
        await Expect(page.GetByText("Refreshing every 2 s")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("running");
        await browser.AssertAccessibleAsync("job page with progress");
    }

    [Fact]
    public async Task AFileTheSchedulesRetentionDeletedSaysSoInItsRowAndInTheTimeline()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "retention");
        var page = browser.Page;
        await browser.SignInAsync();
        await page.RouteAsync(new System.Text.RegularExpressions.Regex($"/exports/{JobId}$"), route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = ExpiredRun().ToJsonString() }));

        await page.GotoAsync(stack.ConsoleUrl + "#/jobs/" + JobId);

        var row = page.Locator("tr[data-key='weekly/20261122-190000_img-demolnx1_system_snap-demosys1.raw']");
        await Expect(row).ToContainTextAsync("deleted by the schedule's retention");
        await Expect(row).Not.ToContainTextAsync("not observed yet");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("File deleted by retention: weekly/20261122-190000_img-demolnx1_system_snap-demosys1.raw");
        await browser.AssertAccessibleAsync("job page with a file retention deleted");
    }

    [Fact]
    public async Task OlderJobsArePagedWithTheCursorTheApiGaveAndTheFilterKept()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "paging");
        var page = browser.Page;
        await browser.SignInAsync();
        var asked = new List<string>();
        await page.RouteAsync(new System.Text.RegularExpressions.Regex(@"/exports\?"), async route =>
        {
            var query = new Uri(route.Request.Url).Query;
            lock (asked)
            {
                asked.Add(query);
            }

            var second = query.Contains("cursor=page-2", StringComparison.Ordinal);
            var body = new JsonObject
            {
                ["jobs"] = new JsonArray(Job(second ? "exp-20261125t090000-00000001" : "exp-20261126t090000-00000002", "completed")),
                ["nextCursor"] = second ? null : "page-2",
            };
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = body.ToJsonString() });
        });

        await page.GotoAsync(stack.ConsoleUrl + "#/jobs?state=completed");
        await Expect(page.Locator("#jobs tbody tr")).ToHaveAttributeAsync("data-job-id", "exp-20261126t090000-00000002");
        await page.GetByRole(AriaRole.Button, new() { Name = "Older jobs" }).ClickAsync();
        await Expect(page.Locator("#jobs tbody tr")).ToHaveAttributeAsync("data-job-id", "exp-20261125t090000-00000001");
        await Expect(page.GetByText("Page 2")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Older jobs" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Newer jobs" }).ClickAsync();
        await Expect(page.Locator("#jobs tbody tr")).ToHaveAttributeAsync("data-job-id", "exp-20261126t090000-00000002");

        lock (asked)
        {
            Assert.All(asked, q => Assert.Contains("state=completed", q, StringComparison.Ordinal));
            Assert.Contains(asked, q => q.Contains("cursor=page-2", StringComparison.Ordinal));
        }
    }

    private static JsonObject RunningJob()
    {
        var job = Job(JobId, "exporting");
        var image = job["images"]![0]!.AsObject();
        image["stalled"] = true;
        image["lastProgressAt"] = "2026-11-26T10:20:00+00:00";
        image["files"] = new JsonArray(
            new JsonObject
            {
                ["key"] = "exp_img-demolnx1_system_snap-demosys1.raw",
                ["state"] = "pending",
                ["progress"] = new JsonObject
                {
                    ["bytes"] = 5_798_205_850L,
                    ["expectedBytes"] = 21_474_836_480L,
                    ["percent"] = 27.0,
                    ["bytesPerSecond"] = 1.5e7,
                    ["etaSeconds"] = 1_261,
                    ["observedAt"] = "2026-11-26T10:20:00+00:00",
                },
            },
            new JsonObject { ["key"] = "exp_img-demolnx1_data_snap-demodat1.raw", ["state"] = "pending" });
        return job;
    }

    private static JsonObject ExpiredRun()
    {
        var job = Job(JobId, "completed");
        job["finishedAt"] = "2026-11-22T19:40:00+00:00";
        job["schedule"] = new JsonObject { ["name"] = "weekly-golden", ["slot"] = "2026-11-22T19:00:00+00:00" };
        job["images"]![0]!["files"] = new JsonArray(new JsonObject
        {
            ["key"] = "weekly/20261122-190000_img-demolnx1_system_snap-demosys1.raw",
            ["state"] = "deleted",
            ["size"] = 21_474_836_480L,
            ["landedAt"] = "2026-11-22T19:40:00+00:00",
            ["deletedAt"] = "2026-12-20T19:45:00+00:00",
        });
        return job;
    }

    private static JsonObject Job(string jobId, string state) => new()
    {
        ["jobId"] = jobId,
        ["state"] = state,
        ["createdAt"] = "2026-11-26T10:15:00+00:00",
        ["updatedAt"] = "2026-11-26T10:20:00+00:00",
        ["bucket"] = "imageexport-1250000000",
        ["region"] = "ap-guangzhou",
        ["prefix"] = "exp",
        ["format"] = "raw",
        ["images"] = new JsonArray(new JsonObject
        {
            ["imageId"] = "img-demolnx1",
            ["imageName"] = "web-server-2026",
            ["state"] = state,
            ["taskId"] = 100001,
            ["cosPaths"] = new JsonArray(),
            ["files"] = new JsonArray(),
            ["problems"] = new JsonArray(),
        }),
        ["downloads"] = new JsonArray(),
        ["notifications"] = new JsonArray(),
    };
}
