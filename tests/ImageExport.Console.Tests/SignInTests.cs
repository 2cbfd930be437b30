using ImageExport.Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImageExport.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(Chromium chromium)
{
    [Fact]
    public async Task AWrongTokenIsRefusedAndNothingIsShownUntilTheRightOneIsGiven()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "sign-in");
        var page = browser.Page;
        await Expect(browser.Heading).ToHaveTextAsync("Sign in to ImageExport");
        Assert.Contains("connect-src 'self'", browser.PageHeaders["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", browser.PageHeaders["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", browser.PageHeaders["x-content-type-options"]);
        await browser.AssertAccessibleAsync("sign-in page");

        await browser.SignInAsync("not-the-token-0123456789");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This token was refused (401)");
        await Expect(page.GetByRole(AriaRole.Navigation)).ToBeHiddenAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));
        await browser.ScreenshotAsync("refused");

        await browser.SignInAsync();

        await Expect(browser.Heading).ToHaveTextAsync($"Images in {stack.Session.Endpoints.Region}");
        await Expect(page.GetByRole(AriaRole.Navigation)).ToBeVisibleAsync();
        await browser.ScreenshotAsync("signed-in");
    }

    [Fact]
    public async Task TheTokenIsKeptInTheTabOnlyAndSigningOutForgetsIt()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "sign-out");
        var page = browser.Page;
        await browser.SignInAsync();
        await Expect(browser.Heading).ToHaveTextAsync($"Images in {stack.Session.Endpoints.Region}");

        Assert.Equal(stack.Token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('imageexport.token')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Empty(await browser.Page.Context.CookiesAsync());
        Assert.DoesNotContain(browser.Requests, url => url.Contains(stack.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(stack.Token, page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(browser.Heading).ToHaveTextAsync("Sign in to ImageExport");
        await Expect(page.GetByText("Signed out.")).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));
        await page.GotoAsync(stack.ConsoleUrl + "#/jobs");
        await Expect(browser.Heading).ToHaveTextAsync("Sign in to ImageExport");
        await browser.ScreenshotAsync("signed-out");
    }

    [Fact]
    public async Task ATokenTheApiStopsAcceptingBringsTheSignInBack()
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "token-refused-later");
        var page = browser.Page;
        await browser.SignInAsync();
        await Expect(browser.Heading).ToHaveTextAsync($"Images in {stack.Session.Endpoints.Region}");

        // As when the deployment's tokens are rotated while the tab is open.
        await page.EvaluateAsync("() => sessionStorage.setItem('imageexport.token', 'rotated-away-0123456789')");
        await page.GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();

        await Expect(browser.Heading).ToHaveTextAsync("Sign in to ImageExport");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("refused the token (401)");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));
    }
}
