using ImageExport.Console.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ImageExport.Console.Tests;

/// <summary>
/// The console speaks the reader's language: it follows the browser's languages, shows a labelled switch in the
/// header, remembers the choice (the language only) across reloads, and stays accessible in each language.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(Chromium chromium)
{
    public static TheoryData<string, string, string, string, string, string, string> Readers => new()
    {
        // browser locale, page language, sign-in heading, token label, sign-in button, images heading ({0} = region), "exportable"
        { "en-GB", "en", "Sign in to ImageExport", "API token", "Sign in", "Images in {0}", "Exportable" },
        { "zh-CN", "zh-CN", "登录 ImageExport", "API 令牌", "登录", "{0} 的镜像", "可导出" },
        { "ko-KR", "ko-KR", "ImageExport에 로그인", "API 토큰", "로그인", "{0}의 이미지", "내보내기 가능" },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task TheConsoleSpeaksTheBrowsersLanguageAndRemembersTheReadersSwitch(
        string locale, string language, string signInHeading, string tokenLabel, string signIn, string imagesHeading, string exportable)
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "language-" + language, locale: locale);
        var page = browser.Page;
        var region = stack.Session.Endpoints.Region;

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(browser.Heading).ToHaveTextAsync(signInHeading);
        var languageSwitch = page.Locator("header select#language");
        await Expect(languageSwitch).ToHaveValueAsync(language);
        await browser.AssertAccessibleAsync($"sign-in page in {language}");

        await page.GetByLabel(tokenLabel).FillAsync(stack.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = signIn, Exact = true }).ClickAsync();

        await Expect(browser.Heading).ToHaveTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, imagesHeading, region));
        await Expect(browser.ImageRow("img-demolnx1")).ToContainTextAsync(exportable);
        await browser.ScreenshotAsync("images", alsoTo: null);
        await browser.AssertAccessibleAsync($"images page in {language}");

        // Switch to another language with the keyboard, as a reader without a mouse would.
        var other = language == "en" ? "ko-KR" : "en";
        await languageSwitch.FocusAsync();
        await languageSwitch.SelectOptionAsync(other);

        var otherHeading = other == "en" ? $"Images in {region}" : $"{region}의 이미지";
        await Expect(browser.Heading).ToHaveTextAsync(otherHeading);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", other);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = other == "en" ? "Jobs" : "작업", Exact = true })).ToBeVisibleAsync();
        // Only the language is remembered in localStorage; the token stays in the tab's sessionStorage.
        Assert.Equal(other, await page.EvaluateAsync<string>("() => localStorage.getItem('imageexport.language')"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Equal(stack.Token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('imageexport.token')"));

        await page.ReloadAsync();

        await Expect(browser.Heading).ToHaveTextAsync(otherHeading);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", other);
        await Expect(languageSwitch).ToHaveValueAsync(other);
        Assert.Empty(browser.Errors);
    }

    [Theory]
    [InlineData("zh-TW", "en", "Sign in to ImageExport")]
    [InlineData("zh-HK", "en", "Sign in to ImageExport")]
    [InlineData("de-DE", "en", "Sign in to ImageExport")]
    [InlineData("ko", "ko-KR", "ImageExport에 로그인")]
    public async Task ATraditionalChineseOrUnofferedBrowserLanguageGetsEnglish(string locale, string language, string heading)
    {
        await using var stack = await ConsoleStack.StartAsync();
        await using var browser = await ConsoleBrowser.OpenAsync(chromium, stack, "language-pick-" + locale, locale: locale);

        await Expect(browser.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(browser.Heading).ToHaveTextAsync(heading);
    }
}
