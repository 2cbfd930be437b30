using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ImageExport.Testing.Stack;

namespace ImageExport.Console.Tests.Support;

/// <summary>
/// A person at the console: one browser context (its own sessionStorage) on the local stack's console URL. Records
/// every request the page makes, every script dialog and every console error, and saves screenshots per test.
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _test;
    private int _shots;

    private ConsoleBrowser(IBrowserContext context, IPage page, TestStack stack, string test)
    {
        _context = context;
        Page = page;
        Stack = stack;
        _test = test;
        page.Request += (_, request) => { lock (Requests) { Requests.Add(request.Url); } };
        page.Dialog += async (_, dialog) =>
        {
            lock (Dialogs)
            {
                Dialogs.Add(dialog.Message);
            }

            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (Errors)
                {
                    Errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) => { lock (Errors) { Errors.Add(error); } };
    }

    public IPage Page { get; }

    /// <summary>The headers the console page was served with, as the browser received them through the gateway.</summary>
    public Dictionary<string, string> PageHeaders { get; private set; } = [];

    public TestStack Stack { get; }

    public List<string> Requests { get; } = [];

    public List<string> Dialogs { get; } = [];

    /// <summary>Script errors and console errors, Content-Security-Policy violations among them.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Where screenshots go: <c>CONSOLE_SCREENSHOTS</c>, else <c>screenshots/</c> beside the test binary.</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>A fresh context; <paramref name="locale"/> is the browser's language (navigator.languages, Accept-Language).</summary>
    public static async Task<ConsoleBrowser> OpenAsync(Chromium chromium, TestStack stack, string test, int width = 1280, int height = 900, string locale = "en-GB")
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = locale, TimezoneId = "UTC" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var browser = new ConsoleBrowser(context, page, stack, test);
        var response = await page.GotoAsync(stack.ConsoleUrl);
        browser.PageHeaders = await response!.AllHeadersAsync();
        return browser;
    }

    public async Task SignInAsync(string? token = null)
    {
        await Page.GetByLabel("API token").FillAsync(token ?? Stack.Token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public ILocator Heading => Page.Locator("main h1");

    public ILocator ImageRow(string imageId) => Page.Locator($"#images tr[data-image-id='{imageId}']");

    /// <summary>The requests the page made to <paramref name="pathPrefix"/> of the API (query included).</summary>
    public int RequestsTo(string pathPrefix)
    {
        lock (Requests)
        {
            return Requests.Count(r => new Uri(r).PathAndQuery.StartsWith(pathPrefix, StringComparison.Ordinal));
        }
    }

    public async Task ScreenshotAsync(string name, string? alsoTo = null)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{_test}-{++_shots:D2}-{name}.png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        if (alsoTo is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(alsoTo)!);
            File.Copy(path, alsoTo, overwrite: true);
        }
    }

    /// <summary>axe-core on the page as it is now: every serious or critical violation fails the test.</summary>
    public async Task AssertAccessibleAsync(string view)
    {
        var result = await Page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core found serious violations on the {view}:\n" + string.Join("\n", serious.Select(v =>
            $"  {v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    /// <summary>The page scrolls no wider than the viewport (usable at phone width).</summary>
    public async Task AssertNoSidewaysScrollAsync(string view)
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"the {view} is {widths[0]} px wide in a {widths[1]} px window");
    }

    public static Regex Exactly(string text) => new("^" + Regex.Escape(text) + "$");

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
