using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Start;

public sealed class AuthenticationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-0123456789abcdef")]
    public async Task AMissingOrWrongTokenIsUnauthorizedAndStartsNothing(string? token)
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());

        var post = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), token: token);
        var list = await app.SendAsync("GET", "/exports", token: token);

        Assert.Equal(401, post.Status);
        Assert.Equal("Unauthorized", post.ErrorCode);
        Assert.Equal("Bearer", post.Headers["WWW-Authenticate"]);
        Assert.Equal(401, list.Status);
        Assert.Empty(app.Cos.AllKeys());
        Assert.Equal(0, app.Cvm.DescribeCalls);
    }

    [Fact]
    public async Task AnyOfSeveralConfiguredTokensIsAccepted()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_API_TOKENS"] = "first-token-0123456789, " + TestApp.Token);

        var result = await app.SendAsync("GET", "/exports");

        Assert.Equal(200, result.Status);
    }

    [Fact]
    public async Task TheTokenIsAlsoAcceptedInTheXImageExportTokenHeader()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());

        var post = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), token: null,
            headers: new() { ["X-ImageExport-Token"] = TestApp.Token });
        var list = await app.SendAsync("GET", "/exports", token: null, headers: new() { ["x-imageexport-token"] = TestApp.Token });

        Assert.Equal(202, post.Status);
        Assert.Equal(200, list.Status);
    }

    [Fact]
    public async Task BehindAFrontThatUsesAuthorizationForItsOwnCredentialsTheDedicatedHeaderDecides()
    {
        var app = new TestApp();
        var front = new Dictionary<string, string> { ["Authorization"] = "TC3-HMAC-SHA256 Credential=AKID/2026-12-04/scf/tc3_request, Signature=abc" };

        var accepted = await app.SendAsync("GET", "/exports", token: null,
            headers: new(front) { ["X-ImageExport-Token"] = TestApp.Token });
        var refused = await app.SendAsync("GET", "/exports", token: TestApp.Token,
            headers: new() { ["X-ImageExport-Token"] = "wrong-token-0123456789abcdef" });

        Assert.Equal(200, accepted.Status);
        Assert.Equal(401, refused.Status);
        Assert.Contains("X-ImageExport-Token", refused.Body!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithNoTokenConfiguredTheApiRefusesToStartOrReadExportsButHealthAnswers()
    {
        var app = new TestApp(env => env.Remove("IMAGEEXPORT_API_TOKENS"));
        app.Cvm.Catalog.Add(Some.LinuxImage());

        var post = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), token: null);
        var list = await app.SendAsync("GET", "/exports", token: null);
        var health = await app.SendAsync("GET", "/healthz", token: null);

        Assert.Equal(503, post.Status);
        Assert.Equal("AuthenticationNotConfigured", post.ErrorCode);
        Assert.Contains("IMAGEEXPORT_AUTH_DISABLED", post.Body!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(503, list.Status);
        Assert.Equal(200, health.Status);
        Assert.Empty(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task WithAuthenticationExplicitlyDisabledRequestsNeedNoToken()
    {
        var app = new TestApp(env =>
        {
            env.Remove("IMAGEEXPORT_API_TOKENS");
            env["IMAGEEXPORT_AUTH_DISABLED"] = "true";
        });
        app.Cvm.Catalog.Add(Some.LinuxImage());

        var post = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"), token: null);

        Assert.Equal(202, post.Status);
    }

    [Fact]
    public async Task ConfiguredTokensStillApplyWhenAuthenticationIsAlsoSwitchedOff()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_AUTH_DISABLED"] = "true");

        var result = await app.SendAsync("GET", "/exports", token: null);

        Assert.Equal(401, result.Status);
    }

    [Fact]
    public async Task NeitherTheTokenNorTheAuthorizationHeaderIsEverLogged()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());
        const string wrong = "wrong-token-fedcba9876543210";

        await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        await app.SendAsync("GET", "/exports", token: wrong);
        await app.SendAsync("GET", "/exports", token: null, headers: new() { ["X-ImageExport-Token"] = wrong });

        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(TestApp.Token, StringComparison.Ordinal) || l.Contains(wrong, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Bearer", StringComparison.Ordinal));
    }
}
