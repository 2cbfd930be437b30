using System.Net;
using System.Text;
using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.TencentCloud.Cos;

namespace ImageExport.Local.Tests.Emulator;

/// <summary>The COS operations the project's client uses, round-tripped through the emulator.</summary>
public sealed class CosObjectTests : IAsyncLifetime
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

    private Task Put(string key, string content = "x", bool forbidOverwrite = false) =>
        _cos.PutObjectAsync(_bucket, key, Encoding.UTF8.GetBytes(content), "application/json", forbidOverwrite, CancellationToken.None);

    [Fact]
    public async Task AnObjectPutCanBeReadHeadedAndDeleted()
    {
        var put = await _cos.PutObjectAsync(_bucket, "jobs/j1/0001-requested.json", "{\"a\":1}"u8.ToArray(), "application/json", false, CancellationToken.None);

        var got = await _cos.GetObjectAsync(_bucket, "jobs/j1/0001-requested.json", CancellationToken.None);
        var head = await _cos.HeadObjectAsync(_bucket, "jobs/j1/0001-requested.json", CancellationToken.None);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(got!.Content.Span));
        Assert.Equal(7, head!.Size);
        Assert.Equal("STANDARD", head.StorageClass);
        Assert.NotNull(head.LastModified);
        Assert.Equal(put.ETag, head.ETag);
        Assert.StartsWith("\"", put.ETag);

        await _cos.DeleteObjectAsync(_bucket, "jobs/j1/0001-requested.json", CancellationToken.None);
        Assert.Null(await _cos.GetObjectAsync(_bucket, "jobs/j1/0001-requested.json", CancellationToken.None));
        Assert.Null(await _cos.HeadObjectAsync(_bucket, "jobs/j1/0001-requested.json", CancellationToken.None));
    }

    [Fact]
    public async Task KeysWithSpacesBracketsAndNonAsciiCharactersSurvive()
    {
        const string key = "paths/imageexport-1250000000/导出 (1)+a&b=c.raw";
        await Put(key, "content");

        Assert.Equal("content", Encoding.UTF8.GetString((await _cos.GetObjectAsync(_bucket, key, CancellationToken.None))!.Content.Span));
        Assert.Equal(key, Assert.Single((await _cos.ListObjectsAsync(_bucket, "paths/", null, 10, CancellationToken.None)).Objects).Key);
    }

    [Fact]
    public async Task DeletingAMissingKeySucceeds()
    {
        await _cos.DeleteObjectAsync(_bucket, "never/there", CancellationToken.None);
    }

    [Fact]
    public async Task ForbidOverwriteRefusesAnExistingKeyWith409()
    {
        await Put("active/j1", "first", forbidOverwrite: true);

        await Assert.ThrowsAsync<CosObjectExistsException>(() => Put("active/j1", "second", forbidOverwrite: true));
        Assert.Equal("first", Encoding.UTF8.GetString((await _cos.GetObjectAsync(_bucket, "active/j1", CancellationToken.None))!.Content.Span));
    }

    [Fact]
    public async Task OfManyRacingForbidOverwritePutsExactlyOneWins()
    {
        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await Put("jobs/j1/0002-submitted.json", $"writer {i}", forbidOverwrite: true);
                return true;
            }
            catch (CosObjectExistsException)
            {
                return false;
            }
        });

        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task APlainPutOverwrites()
    {
        await Put("state", "first");
        await Put("state", "second");

        Assert.Equal("second", Encoding.UTF8.GetString((await _cos.GetObjectAsync(_bucket, "state", CancellationToken.None))!.Content.Span));
    }

    [Fact]
    public async Task ListingPagesByPrefixAndMarkerInKeyOrder()
    {
        foreach (var key in new[] { "jobs/c", "jobs/a", "other/x", "jobs/b", "jobs/d", "jobs/e" })
        {
            await Put(key);
        }

        var first = await _cos.ListObjectsAsync(_bucket, "jobs/", null, 2, CancellationToken.None);
        var second = await _cos.ListObjectsAsync(_bucket, "jobs/", first.NextMarker, 2, CancellationToken.None);
        var third = await _cos.ListObjectsAsync(_bucket, "jobs/", second.NextMarker, 2, CancellationToken.None);
        var all = (await _cos.ListAllObjectsAsync(_bucket, "jobs/", maxPages: 10, CancellationToken.None)).Items;

        Assert.Equal(["jobs/a", "jobs/b"], first.Objects.Select(o => o.Key));
        Assert.True(first.IsTruncated);
        Assert.Equal(["jobs/c", "jobs/d"], second.Objects.Select(o => o.Key));
        Assert.Equal(["jobs/e"], third.Objects.Select(o => o.Key));
        Assert.False(third.IsTruncated);
        Assert.Equal(5, all.Count);
    }

    [Fact]
    public async Task ListingWithADelimiterGroupsCommonPrefixes()
    {
        foreach (var key in new[] { "jobs/a/1", "jobs/a/2", "jobs/b/1", "jobs/top" })
        {
            await Put(key);
        }

        using var response = await _emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Get,
            Bucket = _bucket,
            Query = [new("prefix", "jobs/"), new("delimiter", "/")],
        });
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(["jobs/a/", "jobs/b/"], xml.Descendants("CommonPrefixes").Select(p => p.Element("Prefix")!.Value));
        Assert.Equal(["jobs/top"], xml.Descendants("Contents").Select(c => c.Element("Key")!.Value));
    }

    [Fact]
    public async Task MaxKeysAboveAThousandIsCapped()
    {
        using var response = await _emulator.RawCos.SendAsync(new RawCosRequest { Method = HttpMethod.Get, Bucket = _bucket, Query = [new("max-keys", "5000")] });
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("1000", xml.Root!.Element("MaxKeys")!.Value);
    }

    [Fact]
    public async Task HeadBucketGivesTheRegionAndNullForAMissingBucket()
    {
        var bucket = await _cos.HeadBucketAsync(_bucket, CancellationToken.None);
        var elsewhere = await _cos.HeadBucketAsync($"elsewhere-{_emulator.Host.AppId}", CancellationToken.None);

        Assert.Equal("ap-guangzhou", bucket!.Region);
        Assert.Equal("ap-shanghai", elsewhere!.Region);
        Assert.Null(await _cos.HeadBucketAsync($"missing-{_emulator.Host.AppId}", CancellationToken.None));
    }

    [Fact]
    public async Task OperationsOnAMissingBucketAreNoSuchBucket()
    {
        var error = await Assert.ThrowsAnyAsync<CosException>(() =>
            _cos.PutObjectAsync($"missing-{_emulator.Host.AppId}", "k", "x"u8.ToArray(), null, false, CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("NoSuchBucket", error.Code);
    }

    [Fact]
    public async Task AMissingKeyIsNoSuchKeyInCosXmlShape()
    {
        using var response = await _emulator.RawCos.SendAsync(new RawCosRequest { Method = HttpMethod.Get, Bucket = _bucket, Key = "nope" });

        await AssertCosError(response, HttpStatusCode.NotFound, "NoSuchKey");
    }

    [Fact]
    public async Task ARangeGetReturnsPartialContent()
    {
        await Put("range", "0123456789");

        using var response = await _emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Get,
            Bucket = _bucket,
            Key = "range",
            Headers = [new("Range", "bytes=2-5")],
        });

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("2345", await response.Content.ReadAsStringAsync());
        Assert.Equal("bytes 2-5/10", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task PutBucketCreatesABucketInTheEmulatorsRegion()
    {
        using var created = await _emulator.RawCos.SendAsync(new RawCosRequest { Method = HttpMethod.Put, Bucket = $"fresh-{_emulator.Host.AppId}" });
        using var again = await _emulator.RawCos.SendAsync(new RawCosRequest { Method = HttpMethod.Put, Bucket = $"fresh-{_emulator.Host.AppId}" });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("ap-guangzhou", (await _cos.HeadBucketAsync($"fresh-{_emulator.Host.AppId}", CancellationToken.None))!.Region);
    }

    [Fact]
    public async Task ObjectsSurviveARestart()
    {
        var state = Directory.CreateTempSubdirectory("emulator-test-").FullName;
        try
        {
            await using (var emulator = await TestEmulator.StartAsync(stateDirectory: state))
            {
                await emulator.Cos().PutObjectAsync(emulator.Host.DefaultBucket, "jobs/j1/0001.json", "kept"u8.ToArray(), null, true, CancellationToken.None);
            }

            await using var restarted = await TestEmulator.StartAsync(stateDirectory: state);
            var got = await restarted.Cos().GetObjectAsync(restarted.Host.DefaultBucket, "jobs/j1/0001.json", CancellationToken.None);
            Assert.Equal("kept", Encoding.UTF8.GetString(got!.Content.Span));
            await Assert.ThrowsAsync<CosObjectExistsException>(() =>
                restarted.Cos().PutObjectAsync(restarted.Host.DefaultBucket, "jobs/j1/0001.json", "again"u8.ToArray(), null, true, CancellationToken.None));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task AKeyAndAKeyBelowItCanBothExist()
    {
        await Put("a", "file");
        await Put("a/b", "below");

        Assert.Equal("file", Encoding.UTF8.GetString((await _cos.GetObjectAsync(_bucket, "a", CancellationToken.None))!.Content.Span));
        Assert.Equal("below", Encoding.UTF8.GetString((await _cos.GetObjectAsync(_bucket, "a/b", CancellationToken.None))!.Content.Span));
    }

    internal static async Task AssertCosError(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.Contains("x-cos-request-id"));
        var error = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Error", error.Name.LocalName);
        Assert.Equal(code, error.Element("Code")!.Value);
        Assert.False(string.IsNullOrEmpty(error.Element("Message")!.Value));
        Assert.NotNull(error.Element("Resource"));
        Assert.Equal(response.Headers.GetValues("x-cos-request-id").Single(), error.Element("RequestId")!.Value);
        Assert.False(string.IsNullOrEmpty(error.Element("TraceId")!.Value));
    }
}
