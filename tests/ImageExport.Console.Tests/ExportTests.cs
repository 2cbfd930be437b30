using ImageExport.Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImageExport.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ExportTests(Chromium chromium)
{
    [Fact]
    public async Task ADryRunListsEveryProblemAndTheFeesBeforeAnythingIsExported()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "dry-run-refused");
        var page = browser.Page;
        await browser.SignInAsync();

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select sql-server-windows (img-demowin1)" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select analytics-warehouse (img-demobig1)" }).CheckAsync();
        // The fees are on the page before any click: storage by size, writes, public traffic; private same-region free.
        var fees = page.Locator("#fees");
        await Expect(fees).ToContainTextAsync("Disks to export: 700 GiB in total");
        await Expect(fees).ToContainTextAsync("billed by size");
        await Expect(fees).ToContainTextAsync("Write requests are billed");
        await Expect(fees).ToContainTextAsync("public downstream traffic");
        await Expect(fees).ToContainTextAsync($"same region ({stack.Session.Endpoints.Region}) is free");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check (dry run)" }).ClickAsync();

        var preview = page.Locator("#preview");
        await Expect(preview).ToContainTextAsync("The export cannot start. Every problem found:");
        await Expect(preview.Locator("li[data-code='image.windows']")).ToContainTextAsync("sql-server-windows (img-demowin1)");
        await Expect(preview.Locator("li[data-code='image.diskTooLarge']")).ToContainTextAsync("analytics-warehouse (img-demobig1)");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start the export" })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("problems");
        Assert.Equal(0, stack.Session.Emulator.Counters.ExportsStartedFor("img-demowin1"));
        Assert.Equal(0, stack.Session.Emulator.Counters.ExportsStartedFor("img-demobig1"));
        await browser.AssertAccessibleAsync("dry-run preview");
    }

    [Fact]
    public async Task AnExportCheckedByADryRunIsStartedWatchedToCompletedAndItsFileDownloads()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "export");
        var page = browser.Page;
        await browser.SignInAsync();

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select build-agent-ubuntu (img-demolnx2)" }).CheckAsync();
        await page.GetByLabel("Format").SelectOptionAsync("qcow2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check (dry run)" }).ClickAsync();
        await Expect(page.Locator("#preview")).ToContainTextAsync($"All 1 image(s) can be exported into {stack.Bucket}");
        // Nothing started yet: the dry run only checked.
        Assert.Equal(0, stack.Session.Emulator.Counters.ExportsStartedFor("img-demolnx2"));
        await browser.ScreenshotAsync("preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the export" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/jobs/exp-[0-9]{8}t[0-9]{6}-[0-9a-f]{8}$"));
        var jobId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var facts = page.Locator("#job-body dl.facts").First;
        // 30 GiB at 0.1 s per GiB: the page shows it running before it shows it done.
        await Expect(facts).ToContainTextAsync("exporting");
        await browser.ScreenshotAsync("exporting");
        await Expect(facts).ToContainTextAsync("completed", new() { Timeout = 30_000 });
        var notification = page.Locator("#notifications tr[data-channel='webhook']");
        await Expect(notification).ToContainTextAsync("delivered", new() { Timeout = 15_000 });
        await Expect(page.Locator("#timeline")).ToContainTextAsync("File landed");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Job completed");
        await Expect(page.GetByText("Not refreshing")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("completed", alsoTo: DocsScreenshot());
        await browser.AssertAccessibleAsync("job page");

        var job = await Api.JobAsync(stack, jobId);
        var key = (string)job["images"]![0]!["files"]![0]!["key"]!;
        var link = page.GetByRole(AriaRole.Link, new() { Name = $"Download {key}" });
        await Expect(link).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-key='{key}']")).ToContainTextAsync("link expires");
        var href = await link.GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(href!, new() { Headers = new Dictionary<string, string> { ["Range"] = "bytes=0-15" } });
        Assert.Equal(206, download.Status);
        Assert.Equal(stack.StoredPrefix(key, 16), await download.BodyAsync());

        // Self-contained: every request the page made went to the console's own origin, and no policy was violated.
        var origin = new Uri(stack.ConsoleUrl).GetLeftPart(UriPartial.Authority);
        Assert.All(browser.Requests, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
        Assert.Empty(browser.Errors);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(browser.Heading).ToHaveTextAsync("Sign in to ImageExport");
    }

    [Fact]
    public async Task AnExportCanBeCheckedAndStartedWithTheKeyboardAlone()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "keyboard");
        var keyboard = browser.Page.Keyboard;

        // The token field has the focus when the page opens.
        await keyboard.TypeAsync(stack.Token);
        await keyboard.PressAsync("Enter");
        await Expect(browser.ImageRow("img-demolnx1")).ToBeVisibleAsync();
        await TabToAsync(browser, "el => el.dataset.imageId === 'img-demolnx1'");
        await keyboard.PressAsync("Space");
        await TabToAsync(browser, "el => el.textContent === 'Check (dry run)'");
        await keyboard.PressAsync("Enter");
        await Expect(browser.Page.Locator("#preview")).ToContainTextAsync("can be exported");
        await TabToAsync(browser, "el => el.textContent === 'Start the export'");
        await keyboard.PressAsync("Enter");

        await Expect(browser.Heading).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Job exp-"));
        await browser.ScreenshotAsync("started");
    }

    private static async Task TabToAsync(ConsoleBrowser browser, string isTarget)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            await browser.Page.Keyboard.PressAsync("Tab");
            if (await browser.Page.EvaluateAsync<bool>($"() => ({isTarget})(document.activeElement)"))
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached the element where {isTarget}");
    }

    // The README's screenshot of the job page: refreshed by `CONSOLE_DOCS_SCREENSHOT=1 dotnet test`, never in CI.
    private static string? DocsScreenshot()
    {
        if (Environment.GetEnvironmentVariable("CONSOLE_DOCS_SCREENSHOT") != "1")
        {
            return null;
        }

        return Path.Combine(RepositoryFiles.Root, "docs", "console-job.png");
    }
}
