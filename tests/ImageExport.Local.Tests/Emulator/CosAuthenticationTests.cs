using System.Net;
using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.TencentCloud.Credentials;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.Local.Tests.Emulator;

public sealed class CosAuthenticationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private TestEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync(time: _time);
        await _emulator.Cos().PutObjectAsync(_emulator.Host.DefaultBucket, "exports/disk.raw", "disk"u8.ToArray(), null, false, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private RawCosRequest Get => new() { Method = HttpMethod.Get, Bucket = _emulator.Host.DefaultBucket, Key = "exports/disk.raw" };

    [Fact]
    public async Task APresignedUrlWorksUntilItExpires()
    {
        var url = _emulator.Cos().PresignGetObject(_emulator.Host.DefaultBucket, "exports/disk.raw", TimeSpan.FromMinutes(10)).Url;

        using (var fresh = await _emulator.Http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Equal("disk", await fresh.Content.ReadAsStringAsync());
        }

        _time.Advance(TimeSpan.FromMinutes(11));
        using var expired = await _emulator.Http.GetAsync(url);
        await CosObjectTests.AssertCosError(expired, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task APresignedUrlFromTemporaryKeysCarriesAndNeedsTheToken()
    {
        var url = _emulator.Cos(_emulator.Host.TemporaryCredentials).PresignGetObject(_emulator.Host.DefaultBucket, "exports/disk.raw", TimeSpan.FromMinutes(5)).Url;
        var withoutToken = new Uri(string.Join('&', url.ToString().Split('&').Where(p => !p.Contains("x-cos-security-token"))));

        using var ok = await _emulator.Http.GetAsync(url);
        using var refused = await _emulator.Http.GetAsync(withoutToken);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ATamperedPresignedUrlIsRefused()
    {
        var url = _emulator.RawCos.Presign(_emulator.Host.DefaultBucket, "exports/disk.raw", TimeSpan.FromMinutes(5)).ToString();
        var tampered = url.Replace("exports/disk.raw", "exports/other.raw", StringComparison.Ordinal);

        using var response = await _emulator.Http.GetAsync(tampered);

        await CosObjectTests.AssertCosError(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task AWrongSecretKeyIsSignatureDoesNotMatch()
    {
        using var response = await _emulator.RawCos.SendAsync(Get with { SignWithKey = "wrong" });

        await CosObjectTests.AssertCosError(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task AnUnknownSecretIdIsInvalidAccessKeyId()
    {
        using var response = await _emulator.RawCos.SendAsync(Get with { Credentials = new TencentCredentials("AKIDnobody", "key") });

        await CosObjectTests.AssertCosError(response, HttpStatusCode.Forbidden, "InvalidAccessKeyId");
    }

    [Fact]
    public async Task AnUnsignedRequestIsAccessDenied()
    {
        using var response = await _emulator.RawCos.SendAsync(Get with { Unsigned = true });

        await CosObjectTests.AssertCosError(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task AnExpiredSignatureIsAccessDenied()
    {
        var call = Get with { KeyTimeStart = _time.GetUtcNow().AddHours(-2), Lifetime = TimeSpan.FromHours(1) };

        using var response = await _emulator.RawCos.SendAsync(call);

        await CosObjectTests.AssertCosError(response, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task AHeaderListedButNotSentFailsTheSignature()
    {
        using var response = await _emulator.RawCos.SendAsync(Get with { SignedButNotSentHeader = "x-cos-meta-missing" });

        await CosObjectTests.AssertCosError(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task SignedHeadersAndQueryParametersAreVerified()
    {
        var call = Get with { Headers = [new("x-cos-meta-purpose", "test")], Query = [new("response-content-type", "text/plain")] };

        using var response = await _emulator.RawCos.SendAsync(call);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TemporaryKeysNeedTheirSecurityToken()
    {
        using var withToken = await _emulator.RawCos.SendAsync(Get with { Credentials = _emulator.Host.TemporaryCredentials });
        using var withoutToken = await _emulator.RawCos.SendAsync(Get with { Credentials = _emulator.Host.TemporaryCredentials, OmitToken = true });

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        await CosObjectTests.AssertCosError(withoutToken, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task TheClientWithTemporaryKeysRoundTrips()
    {
        var cos = _emulator.Cos(_emulator.Host.TemporaryCredentials);

        await cos.PutObjectAsync(_emulator.Host.DefaultBucket, "tmp/key", "t"u8.ToArray(), null, true, CancellationToken.None);

        Assert.NotNull(await cos.HeadObjectAsync(_emulator.Host.DefaultBucket, "tmp/key", CancellationToken.None));
    }

    [Fact]
    public async Task AHeadErrorHasNoBodyButKeepsTheRequestId()
    {
        using var response = await _emulator.RawCos.SendAsync(Get with { Method = HttpMethod.Head, Key = "nope" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(response.Headers.Contains("x-cos-request-id"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
