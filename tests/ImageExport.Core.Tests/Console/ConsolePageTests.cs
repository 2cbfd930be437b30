using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Console;

/// <summary>GET /: the web console, as the start function serves it.</summary>
public sealed partial class ConsolePageTests
{
    [Fact]
    public async Task TheConsoleLoadsWithoutATokenAsOneSelfContainedPageUnderAStrictPolicy()
    {
        var app = new TestApp();

        var page = await app.SendAsync("GET", "/", token: null);

        Assert.Equal(200, page.Status);
        Assert.Equal("text/html; charset=utf-8", page.Headers["Content-Type"]);
        Assert.Equal("nosniff", page.Headers["X-Content-Type-Options"]);
        Assert.Equal("no-cache", page.Headers["Cache-Control"]);
        Assert.Matches("^\"[0-9a-f]{32}\"$", page.Headers["ETag"]);
        var html = page.Raw["body"]!.GetValue<string>();
        var policy = page.Headers["Content-Security-Policy"].Split("; ");
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", page.Headers["Content-Security-Policy"], StringComparison.Ordinal);
        // The one script and the one style sheet are inline, and the policy allows exactly them by their hash.
        var script = Assert.Single(InlineScript().Matches(html)).Groups[1].Value;
        var style = Assert.Single(InlineStyle().Matches(html)).Groups[1].Value;
        Assert.Contains($"script-src 'sha256-{Sha256(script)}'", policy);
        Assert.Contains($"style-src 'sha256-{Sha256(style)}'", policy);
        // Nothing is fetched from elsewhere: no external script, style sheet, font or image.
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("@import", style, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", style, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrowserThatHasThePageIsAnsweredNotModified()
    {
        var app = new TestApp();
        var first = await app.SendAsync("GET", "/", token: null);

        var again = await app.SendAsync("GET", "/", token: null, headers: new() { ["If-None-Match"] = first.Headers["ETag"] });
        var other = await app.SendAsync("GET", "/", token: null, headers: new() { ["If-None-Match"] = "\"0123\"" });

        Assert.Equal(304, again.Status);
        Assert.Equal("", again.Raw["body"]!.GetValue<string>());
        Assert.Equal(first.Headers["ETag"], again.Headers["ETag"]);
        Assert.Equal(200, other.Status);
    }

    [Fact]
    public async Task ThePageIsOnlyEverRead()
    {
        var app = new TestApp();

        var posted = await app.SendAsync("POST", "/", "{}", token: null);

        Assert.Equal(405, posted.Status);
        Assert.Equal("GET", posted.Headers["Allow"]);
    }

    [Fact]
    public async Task ThePageGivesTheApiNoWayAroundItsToken()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());

        // Loading the console is free; everything it shows still needs the token.
        var images = await app.SendAsync("GET", "/images", token: null);
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), token: null);

        Assert.Equal(401, images.Status);
        Assert.Equal(401, started.Status);
        Assert.Empty(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task ThePageCarriesItsTextsInAllThreeLanguagesAsDataTheBrowserNeverRuns()
    {
        var app = new TestApp();

        var page = await app.SendAsync("GET", "/", token: null);

        var html = page.Raw["body"]!.GetValue<string>();
        var block = Assert.Single(TextsBlock().Matches(html)).Groups[1].Value;
        using var texts = System.Text.Json.JsonDocument.Parse(block);
        var languages = texts.RootElement.GetProperty("languages");
        Assert.Equal("en", texts.RootElement.GetProperty("default").GetString());
        Assert.Equal("Sign in to ImageExport", languages.GetProperty("en").GetProperty("console.signin.title").GetString());
        Assert.Equal("登录 ImageExport", languages.GetProperty("zh-CN").GetProperty("console.signin.title").GetString());
        Assert.Equal("ImageExport에 로그인", languages.GetProperty("ko-KR").GetProperty("console.signin.title").GetString());
        // A data block is not a script: the policy still allows only the one inline script, by its hash.
        Assert.DoesNotContain(Sha256(block), page.Headers["Content-Security-Policy"], StringComparison.Ordinal);
    }

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("<script type=\"application/json\" id=\"console-texts\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex TextsBlock();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();
}
