using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ImageExport.Local.Tests.Stack.Support;

namespace ImageExport.Local.Tests.Stack;

/// <summary>What a newcomer reads and pastes when the stack is up.</summary>
public sealed partial class BannerTests
{
    [Fact]
    public async Task TheBannersCurlStartsAnExportAndItNamesTheTokenTheRulesAndTheNotificationsFile()
    {
        await using var app = await StackApplication.StartAsync();
        var options = new LocalOptions { StateDirectory = app.StateDirectory };

        var banner = Banner.Render(app.Session, options, app.Running);

        Assert.Contains(app.Session.Endpoints.ApiToken, banner, StringComparison.Ordinal);
        Assert.Contains(app.Running.Notifications.Path, banner, StringComparison.Ordinal);
        Assert.Contains("image.windows", banner, StringComparison.Ordinal);
        Assert.Contains("bucket.regionMismatch", banner, StringComparison.Ordinal);
        var curl = Assert.Single(banner.Split('\n'), line => line.TrimStart().StartsWith("curl -s -X POST", StringComparison.Ordinal));
        var match = CurlPost().Match(curl);
        Assert.True(match.Success, curl);

        using var request = new HttpRequestMessage(HttpMethod.Post, match.Groups["url"].Value)
        {
            Content = new StringContent(match.Groups["body"].Value, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(match.Groups["auth"].Value);
        using var response = await app.Http.SendAsync(request);

        Assert.Equal(202, (int)response.StatusCode);
        Assert.Contains(Banner.ExportableDemoImage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBannerPrintsTheWebConsolesAddressAndThePageIsThere()
    {
        await using var app = await StackApplication.StartAsync();

        var banner = Banner.Render(app.Session, new LocalOptions { StateDirectory = app.StateDirectory }, app.Running);

        var line = Assert.Single(banner.Split('\n'), l => l.TrimStart().StartsWith("Web console", StringComparison.Ordinal));
        var url = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        Assert.Equal(app.Session.Endpoints.Api + "/", url);
        using var anonymous = new HttpClient();
        using var page = await anonymous.GetAsync(url);
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>ImageExport</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("""curl -s -X POST (?<url>\S+) -H "Authorization: (?<auth>[^"]+)" -H 'Content-Type: application/json' -d '(?<body>[^']+)'""")]
    private static partial Regex CurlPost();
}
