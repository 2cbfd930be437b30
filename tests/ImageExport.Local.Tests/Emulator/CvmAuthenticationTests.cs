using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.TencentCloud.Credentials;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.Local.Tests.Emulator;

public sealed class CvmAuthenticationTests : IAsyncLifetime
{
    private TestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static RawCvmRequest Describe => new() { Action = "DescribeImages", Body = """{"Limit":1}""" };

    [Fact]
    public async Task ARequestSignedWithThePermanentKeysIsAnswered()
    {
        var answer = await _emulator.RawCvm.SendAsync(Describe);

        Assert.Null(answer["Error"]);
        Assert.NotNull(answer["ImageSet"]);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public async Task TheContentTypeIsVerifiedAsSent(string contentType)
    {
        Assert.Null(await _emulator.RawCvm.ErrorCodeAsync(Describe with { ContentType = contentType }));
    }

    [Theory]
    [InlineData("cvm")]
    [InlineData("127")]
    public async Task TheServiceIsTakenFromTheCredentialScope(string service)
    {
        Assert.Null(await _emulator.RawCvm.ErrorCodeAsync(Describe with { Service = service }));
    }

    [Fact]
    public async Task AHostSignedWithoutItsPortIsAcceptedAsTencentsNodeSdkSignsIt()
    {
        Assert.Null(await _emulator.RawCvm.ErrorCodeAsync(Describe with { SignHostWithoutPort = true }));
    }

    [Fact]
    public async Task AWrongSecretKeyIsASignatureFailure()
    {
        Assert.Equal("AuthFailure.SignatureFailure", await _emulator.RawCvm.ErrorCodeAsync(Describe with { SignWithKey = "not-the-key" }));
    }

    [Fact]
    public async Task ABodyChangedAfterSigningIsASignatureFailure()
    {
        Assert.Equal("AuthFailure.SignatureFailure", await _emulator.RawCvm.ErrorCodeAsync(Describe with { SentBody = """{"Limit":2}""" }));
    }

    [Fact]
    public async Task AnUnknownSecretIdIsNotFound()
    {
        var stranger = new TencentCredentials("AKIDunknownunknownunknownunknown0", "whatever");

        Assert.Equal("AuthFailure.SecretIdNotFound", await _emulator.RawCvm.ErrorCodeAsync(Describe with { Credentials = stranger }));
    }

    // On a clock that does not move, so a second boundary crossed during the request cannot turn 301 into 300.
    [Theory]
    [InlineData(-301, "AuthFailure.SignatureExpire")]
    [InlineData(301, "AuthFailure.SignatureExpire")]
    [InlineData(-300, null)]
    [InlineData(300, null)]
    public async Task ATimestampMoreThanFiveMinutesAwayHasExpired(int skewSeconds, string? expected)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await TestEmulator.StartAsync(time: clock);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds() + skewSeconds;

        Assert.Equal(expected, await emulator.RawCvm.ErrorCodeAsync(Describe with { Timestamp = timestamp }));
    }

    [Fact]
    public async Task ATimestampFourMinutesOldIsStillAccepted()
    {
        var timestamp = _emulator.Time.GetUtcNow().ToUnixTimeSeconds() - 240;

        Assert.Null(await _emulator.RawCvm.ErrorCodeAsync(Describe with { Timestamp = timestamp }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("TC3-HMAC-SHA256 Credential=broken")]
    public async Task AMissingOrGarbledAuthorizationIsInvalid(string authorization)
    {
        Assert.Equal("AuthFailure.InvalidAuthorization", await _emulator.RawCvm.ErrorCodeAsync(Describe with { Authorization = authorization }));
    }

    [Fact]
    public async Task TemporaryKeysWorkWithTheirSessionToken()
    {
        Assert.Null(await _emulator.RawCvm.ErrorCodeAsync(Describe with { Credentials = _emulator.Host.TemporaryCredentials }));
    }

    [Fact]
    public async Task TemporaryKeysWithoutTheirTokenFail()
    {
        var call = Describe with { Credentials = _emulator.Host.TemporaryCredentials, OmitToken = true };

        Assert.Equal("AuthFailure.TokenFailure", await _emulator.RawCvm.ErrorCodeAsync(call));
    }

    [Fact]
    public async Task TemporaryKeysWithAWrongTokenFail()
    {
        var call = Describe with { Credentials = _emulator.Host.TemporaryCredentials, Token = "not-the-token" };

        Assert.Equal("AuthFailure.TokenFailure", await _emulator.RawCvm.ErrorCodeAsync(call));
    }

    [Fact]
    public async Task AnUnknownActionIsInvalid()
    {
        Assert.Equal("InvalidAction", await _emulator.RawCvm.ErrorCodeAsync(Describe with { Action = "DescribeInstances" }));
    }

    [Fact]
    public async Task AnotherApiVersionDoesNotExist()
    {
        Assert.Equal("NoSuchVersion", await _emulator.RawCvm.ErrorCodeAsync(Describe with { Version = "2022-01-01" }));
    }

    [Fact]
    public async Task AnotherRegionIsNotServed()
    {
        Assert.Equal("InvalidRegion.NotFound", await _emulator.RawCvm.ErrorCodeAsync(Describe with { Region = "ap-shanghai" }));
    }

    [Fact]
    public async Task TheErrorEnvelopeCarriesCodeMessageAndRequestId()
    {
        var answer = await _emulator.RawCvm.SendAsync(Describe with { SignWithKey = "wrong" });

        Assert.False(string.IsNullOrEmpty(answer["Error"]!["Message"]!.GetValue<string>()));
        Assert.True(Guid.TryParse(answer["RequestId"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task TheCredentialsStayTheSameAcrossRestartsOfOneStateDirectory()
    {
        var state = Directory.CreateTempSubdirectory("emulator-test-").FullName;
        try
        {
            TencentCredentials first;
            await using (var emulator = await TestEmulator.StartAsync(stateDirectory: state))
            {
                first = emulator.Host.Credentials;
            }

            await using var restarted = await TestEmulator.StartAsync(stateDirectory: state);
            Assert.Equal(first, restarted.Host.Credentials);
            Assert.NotEqual(_emulator.Host.Credentials.SecretId, first.SecretId);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
