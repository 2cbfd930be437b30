using ImageExport.Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImageExport.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ImagesTests(Chromium chromium)
{
    private const string InjectionName = "<img src=x onerror=alert(document.domain)>";

    [Fact]
    public async Task EveryImageIsListedWithItsDisksAndAnExportableBadgeOrEachProblemInWords()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "images");
        await browser.SignInAsync();

        var linux = browser.ImageRow("img-demolnx1");
        await Expect(linux).ToContainTextAsync("web-server-2026");
        await Expect(linux).ToContainTextAsync("CentOS 7.9 64位");
        await Expect(linux).ToContainTextAsync("system 20 GiB, data 10 GiB");
        await Expect(linux).ToContainTextAsync("Exportable");
        foreach (var (imageId, code, words) in new[]
        {
            ("img-demowin1", "image.windows", "Windows"),
            ("img-demobig1", "image.diskTooLarge", "500 GiB"),
            ("img-demo6dsk", "image.tooManyDataDisks", "data disks"),
            ("img-demonew1", "image.notReady", "CREATING"),
        })
        {
            var row = browser.ImageRow(imageId);
            await Expect(row).ToContainTextAsync("Not exportable");
            var problem = row.Locator($"li[data-code='{code}']");
            await Expect(problem).ToContainTextAsync(words);
        }
        // GET /images lists the region's custom images only: the public one is not offered at all.
        await Expect(browser.ImageRow("img-demopub1")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("list");
        await browser.AssertAccessibleAsync("images page");
    }

    [Fact]
    public async Task AnImageNamedLikeHtmlShowsAsThoseCharactersAndRunsNothing()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "injection");
        await browser.SignInAsync();

        var name = browser.ImageRow("img-demoxss1").Locator(".image-name");
        await Expect(name).ToHaveTextAsync(InjectionName);
        Assert.Equal(0, await browser.Page.Locator("main img").CountAsync());
        // The checkbox's accessible name carries it as text as well.
        await Expect(browser.Page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {InjectionName} (img-demoxss1)" })).ToBeVisibleAsync();
        Assert.Empty(browser.Dialogs);
        Assert.Empty(browser.Errors);
        await browser.ScreenshotAsync("as-text");
    }

    [Fact]
    public async Task WhenTheApiCannotBeReachedThePageSaysSoAndOffersToTryAgain()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "unreachable");
        var page = browser.Page;
        await browser.SignInAsync();
        await Expect(browser.ImageRow("img-demolnx1")).ToBeVisibleAsync();
        var images = new System.Text.RegularExpressions.Regex("/images$");
        await page.RouteAsync(images, route => route.AbortAsync("connectionrefused"));

        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The API could not be reached");
        await browser.ScreenshotAsync("error");
        await page.UnrouteAsync(images);
        await page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(browser.ImageRow("img-demolnx1")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AtPhoneWidthTheImagesAndAJobFitTheScreen()
    {
        await using var stack = await ConsoleStack.StartAsync();
        var jobId = await Api.StartExportAsync(stack, "img-demolnx1");
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "phone", width: 375, height: 812);
        await browser.SignInAsync();
        await Expect(browser.ImageRow("img-demolnx1")).ToBeVisibleAsync();

        await browser.AssertNoSidewaysScrollAsync("images page");
        await browser.ScreenshotAsync("images");

        await browser.Page.GotoAsync(stack.ConsoleUrl + "#/jobs/" + jobId);
        await Expect(browser.Page.Locator("#job-body dl.facts").First).ToContainTextAsync("completed", new() { Timeout = 30_000 });
        await browser.AssertNoSidewaysScrollAsync("job page");
        await browser.ScreenshotAsync("job");
    }
}
