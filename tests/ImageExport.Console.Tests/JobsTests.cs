using ImageExport.Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImageExport.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class JobsTests(Chromium chromium)
{
    [Fact]
    public async Task TheJobListIsNewestFirstRefreshesWhileAJobRunsAndStopsAskingWhenNoneDoes()
    {
        // 0.3 s per GiB: the 30 GiB image runs 9 s, the 10 GiB one 3 s, so the page opens while they run.
        await using var stack = await ConsoleStack.StartAsync(exportSecondsPerGib: 0.3);
        var older = await Api.StartExportAsync(stack, "img-demolnx1");
        await Task.Delay(1100); // job IDs and the listing order go by the second
        var newer = await Api.StartExportAsync(stack, "img-demoxss1");
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "jobs");
        var page = browser.Page;
        await browser.SignInAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();

        var rows = page.Locator("#jobs tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        Assert.Equal([newer, older], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.jobId)"));
        await Expect(rows.First).ToContainTextAsync("<img src=x onerror=alert(document.domain)>");
        await Expect(page.GetByText("Refreshing every 3 s")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("running");

        // Both finish while the page is open: it notices by itself, then stops asking.
        await Expect(page.Locator("#jobs .badge.completed")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(page.GetByText("Not refreshing")).ToBeVisibleAsync();
        var asked = browser.RequestsTo("/exports");
        await Task.Delay(4000);
        Assert.Equal(asked, browser.RequestsTo("/exports"));
        Assert.Empty(browser.Dialogs);
        await browser.AssertAccessibleAsync("jobs page");

        await page.GetByLabel("Show").SelectOptionAsync("failed");
        await Expect(page.Locator("#jobs-body")).ToContainTextAsync("No failed jobs.");
        await page.GetByLabel("Show").SelectOptionAsync("completed");
        await Expect(rows).ToHaveCountAsync(2);
        await browser.ScreenshotAsync("completed");
    }

    [Fact]
    public async Task AJobIdFromTheAddressIsCheckedBeforeItIsUsed()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "job-id");
        var page = browser.Page;
        await browser.SignInAsync();
        await Expect(browser.Heading).ToHaveTextAsync($"Images in {stack.Session.Endpoints.Region}");

        await page.GotoAsync(stack.ConsoleUrl + "#/jobs/..%2F..%2Fimages%3F");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("“../../images?” is not a job ID");
        Assert.Equal(0, browser.RequestsTo("/exports/"));

        await page.GotoAsync(stack.ConsoleUrl + "#/jobs/exp-20261126t101500-3f9a2c1b");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is no job exp-20261126t101500-3f9a2c1b");
        await browser.ScreenshotAsync("unknown");
    }
}
