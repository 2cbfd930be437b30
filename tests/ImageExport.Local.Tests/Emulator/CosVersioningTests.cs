using System.Net;
using System.Text;
using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.TencentCloud.Cos;

namespace ImageExport.Local.Tests.Emulator;

/// <summary>
/// Bucket versioning as COS documents it: GET answers an empty configuration until versioning is first set, and
/// x-cos-forbid-overwrite has no effect on a bucket that ever had it (Enabled or Suspended).
/// </summary>
public sealed class CosVersioningTests : IAsyncLifetime
{
    private TestEmulator _emulator = null!;
    private CosClient _cos = null!;
    private string _bucket = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        _cos = _emulator.Cos();
        _bucket = _emulator.Host.DefaultBucket;
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private async Task<HttpStatusCode> PutVersioningAsync(string body)
    {
        using var response = await _emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Put,
            Bucket = _bucket,
            Query = [new("versioning", "")],
            Body = Encoding.UTF8.GetBytes(body),
        });
        return response.StatusCode;
    }

    private async Task<int> RacingCreatesThatWinAsync(string key)
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            try
            {
                await _cos.PutObjectAsync(_bucket, key, Encoding.UTF8.GetBytes($"writer {i}"), "application/json", forbidOverwrite: true, CancellationToken.None);
                return true;
            }
            catch (CosObjectExistsException)
            {
                return false;
            }
        }));
        return outcomes.Count(won => won);
    }

    [Fact]
    public async Task ABucketThatNeverHadVersioningAnswersWithoutAStatus()
    {
        Assert.Null(await _cos.GetBucketVersioningAsync(_bucket, CancellationToken.None));
    }

    [Fact]
    public async Task TheStatusSetIsTheStatusRead()
    {
        Assert.Equal(HttpStatusCode.OK, await PutVersioningAsync("<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"));
        Assert.Equal("Enabled", await _cos.GetBucketVersioningAsync(_bucket, CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, await PutVersioningAsync("<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>"));
        Assert.Equal("Suspended", await _cos.GetBucketVersioningAsync(_bucket, CancellationToken.None));
    }

    [Fact]
    public async Task AnUnknownStatusIsMalformedXmlAndChangesNothing()
    {
        Assert.Equal(HttpStatusCode.BadRequest, await PutVersioningAsync("<VersioningConfiguration><Status>On</Status></VersioningConfiguration>"));

        Assert.Null(await _cos.GetBucketVersioningAsync(_bucket, CancellationToken.None));
    }

    [Fact]
    public async Task WithoutVersioningExactlyOneOfTheRacingCreatesWins()
    {
        Assert.Equal(1, await RacingCreatesThatWinAsync("jobs/j1/0002.json"));
    }

    [Theory]
    [InlineData("Enabled")]
    [InlineData("Suspended")]
    public async Task OnABucketThatEverHadVersioningEveryRacingCreateSucceeds(string status)
    {
        await PutVersioningAsync($"<VersioningConfiguration><Status>{status}</Status></VersioningConfiguration>");

        // Why the job store checks the state bucket first: here nobody learns that they lost.
        Assert.Equal(10, await RacingCreatesThatWinAsync("jobs/j1/0002.json"));
    }
}
