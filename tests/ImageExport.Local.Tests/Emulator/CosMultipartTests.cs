using System.Net;
using System.Xml.Linq;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Tests.Emulator.Support;

namespace ImageExport.Local.Tests.Emulator;

public sealed class CosMultipartTests : IAsyncLifetime
{
    private const int MiB = 1 << 20;
    private TestEmulator _emulator = null!;
    private string _bucket = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        _bucket = _emulator.Host.DefaultBucket;
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private async Task<string> InitiateAsync(string key)
    {
        using var response = await _emulator.RawCos.SendAsync(new RawCosRequest { Method = HttpMethod.Post, Bucket = _bucket, Key = key, Query = [new("uploads", "")] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("InitiateMultipartUploadResult", xml.Name.LocalName);
        return xml.Element("UploadId")!.Value;
    }

    private async Task<string> UploadPartAsync(string key, string uploadId, int partNumber, byte[] content)
    {
        using var response = await _emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Put,
            Bucket = _bucket,
            Key = key,
            Body = content,
            Query = [new("partNumber", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("uploadId", uploadId)],
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    private Task<HttpResponseMessage> CompleteAsync(string key, string uploadId, params (int Number, string ETag)[] parts)
    {
        var body = new XElement("CompleteMultipartUpload",
            parts.Select(p => new XElement("Part", new XElement("PartNumber", p.Number), new XElement("ETag", p.ETag))));
        return _emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Post,
            Bucket = _bucket,
            Key = key,
            Query = [new("uploadId", uploadId)],
            Body = System.Text.Encoding.UTF8.GetBytes(body.ToString()),
        });
    }

    [Fact]
    public async Task PartsCompleteIntoOneObjectAndRaiseCompleteMultipartUpload()
    {
        using var events = new EventCollector(_emulator.Host);
        var first = Enumerable.Repeat((byte)'a', MiB).ToArray();
        var uploadId = await InitiateAsync("big/file.bin");
        var etag1 = await UploadPartAsync("big/file.bin", uploadId, 1, first);
        var etag2 = await UploadPartAsync("big/file.bin", uploadId, 2, "tail"u8.ToArray());

        using var completed = await CompleteAsync("big/file.bin", uploadId, (1, etag1), (2, etag2));

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var result = XDocument.Parse(await completed.Content.ReadAsStringAsync()).Root!;
        Assert.EndsWith("-2\"", result.Element("ETag")!.Value);
        var got = await _emulator.Cos().GetObjectAsync(_bucket, "big/file.bin", CancellationToken.None);
        Assert.Equal([.. first, .. "tail"u8.ToArray()], got!.Content.ToArray());
        var created = Assert.Single(await events.WaitForAsync(1));
        Assert.Equal(EmulatedCos.CompleteMultipartUploadEvent, created.EventName);
        Assert.Equal(MiB + 4, created.Size);
    }

    [Fact]
    public async Task PartsAndUploadsCanBeListedForResumingClients()
    {
        var uploadId = await InitiateAsync("resume/me");
        await UploadPartAsync("resume/me", uploadId, 1, new byte[MiB]);

        using var uploads = await _emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Get,
            Bucket = _bucket,
            Query = [new("uploads", ""), new("prefix", "resume/")],
        });
        using var parts = await _emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Get,
            Bucket = _bucket,
            Key = "resume/me",
            Query = [new("uploadId", uploadId)],
        });

        var upload = Assert.Single(XDocument.Parse(await uploads.Content.ReadAsStringAsync()).Descendants("Upload"));
        Assert.Equal(uploadId, upload.Element("UploadId")!.Value);
        var part = Assert.Single(XDocument.Parse(await parts.Content.ReadAsStringAsync()).Descendants("Part"));
        Assert.Equal(MiB.ToString(System.Globalization.CultureInfo.InvariantCulture), part.Element("Size")!.Value);
    }

    [Fact]
    public async Task AnAbortedUploadIsGone()
    {
        var uploadId = await InitiateAsync("aborted");

        using var aborted = await _emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Delete,
            Bucket = _bucket,
            Key = "aborted",
            Query = [new("uploadId", uploadId)],
        });
        using var again = await CompleteAsync("aborted", uploadId, (1, "\"x\""));

        Assert.Equal(HttpStatusCode.NoContent, aborted.StatusCode);
        await CosObjectTests.AssertCosError(again, HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Fact]
    public async Task AnUploadIdUsedWithAnotherKeyIsNoSuchUpload()
    {
        var uploadId = await InitiateAsync("one/key");

        using var response = await CompleteAsync("another/key", uploadId, (1, "\"x\""));

        await CosObjectTests.AssertCosError(response, HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Fact]
    public async Task AWrongPartETagIsInvalidPart()
    {
        var uploadId = await InitiateAsync("bad/etag");
        await UploadPartAsync("bad/etag", uploadId, 1, "x"u8.ToArray());

        using var response = await CompleteAsync("bad/etag", uploadId, (1, "\"00000000000000000000000000000000\""));

        await CosObjectTests.AssertCosError(response, HttpStatusCode.BadRequest, "InvalidPart");
    }

    [Fact]
    public async Task APartBelowOneMegabyteBeforeTheLastIsTooSmall()
    {
        var uploadId = await InitiateAsync("small/parts");
        var etag1 = await UploadPartAsync("small/parts", uploadId, 1, "small"u8.ToArray());
        var etag2 = await UploadPartAsync("small/parts", uploadId, 2, "last"u8.ToArray());

        using var response = await CompleteAsync("small/parts", uploadId, (1, etag1), (2, etag2));

        await CosObjectTests.AssertCosError(response, HttpStatusCode.BadRequest, "EntityTooSmall");
    }

    [Fact]
    public async Task CompletingWithForbidOverwriteOnAnExistingKeyIs409()
    {
        await _emulator.Cos().PutObjectAsync(_bucket, "taken", "x"u8.ToArray(), null, false, CancellationToken.None);
        var uploadId = await InitiateAsync("taken");
        var etag = await UploadPartAsync("taken", uploadId, 1, "y"u8.ToArray());
        var body = new XElement("CompleteMultipartUpload", new XElement("Part", new XElement("PartNumber", 1), new XElement("ETag", etag)));

        using var response = await _emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Post,
            Bucket = _bucket,
            Key = "taken",
            Query = [new("uploadId", uploadId)],
            Headers = [new("x-cos-forbid-overwrite", "true")],
            Body = System.Text.Encoding.UTF8.GetBytes(body.ToString()),
        });

        await CosObjectTests.AssertCosError(response, HttpStatusCode.Conflict, "FileAlreadyExists");
    }
}
