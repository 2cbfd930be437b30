using System.Net;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.TencentCloud.Tests.Cos;

public sealed class CosAnswerTests
{
    private static CosClient Cos(RecordingHandler handler, FakeTimeProvider time) =>
        new(handler.Client(), new FixedCredentials(Some.TemporaryKeys), Some.LocalSettings, Some.Policy(time));

    private static HttpResponseMessage ErrorXml(HttpStatusCode status, string code) => RecordingHandler.Xml(status,
        $"<?xml version='1.0' encoding='utf-8' ?><Error><Code>{code}</Code><Message>says {code}</Message><Resource>r</Resource><RequestId>req-{code}</RequestId><TraceId>t</TraceId></Error>");

    [Fact]
    public async Task AForbidOverwritePutOnAnExistingKeyIsObjectExists()
    {
        var handler = new RecordingHandler((_, _) => ErrorXml(HttpStatusCode.Conflict, "FileAlreadyExists"));

        var error = await Assert.ThrowsAsync<CosObjectExistsException>(() =>
            Cos(handler, Some.Time()).PutObjectAsync(Some.Bucket, "jobs/j/0001.json", new byte[] { 1 }, null, true, CancellationToken.None));

        Assert.Equal(409, error.StatusCode);
        Assert.Equal("req-FileAlreadyExists", error.RequestId);
    }

    [Fact]
    public async Task AForbidOverwritePutRetriedAfterAServerErrorReportsObjectExistsForItsOwnEarlierWrite()
    {
        var handler = RecordingHandler.Sequence(() => RecordingHandler.Status(HttpStatusCode.ServiceUnavailable), () => ErrorXml(HttpStatusCode.Conflict, "FileAlreadyExists"));
        var time = Some.Time();

        await Assert.ThrowsAsync<CosObjectExistsException>(() =>
            Clock.RunAsync(time, Cos(handler, time).PutObjectAsync(Some.Bucket, "jobs/j/0001.json", new byte[] { 1 }, null, true, CancellationToken.None)));

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task AnXmlErrorBecomesACosExceptionWithStatusCodeMessageAndRequestId()
    {
        var handler = new RecordingHandler((_, _) => ErrorXml(HttpStatusCode.Forbidden, "AccessDenied"));

        var error = await Assert.ThrowsAsync<CosException>(() => Cos(handler, Some.Time()).GetObjectAsync(Some.Bucket, "a.json", CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("AccessDenied", error.Code);
        Assert.Equal("says AccessDenied", error.ErrorMessage);
        Assert.Equal("req-AccessDenied", error.RequestId);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task AMissingObjectIsNullForGetAndHead()
    {
        var handler = new RecordingHandler((request, _) => request.Method == HttpMethod.Head
            ? RecordingHandler.Status(HttpStatusCode.NotFound)
            : ErrorXml(HttpStatusCode.NotFound, "NoSuchKey"));
        var cos = Cos(handler, Some.Time());

        Assert.Null(await cos.GetObjectAsync(Some.Bucket, "missing.json", CancellationToken.None));
        Assert.Null(await cos.HeadObjectAsync(Some.Bucket, "missing.json", CancellationToken.None));
        await cos.DeleteObjectAsync(Some.Bucket, "missing.json", CancellationToken.None);
    }

    [Fact]
    public async Task AMissingBucketOnGetIsAnErrorNotAMissingObject()
    {
        var handler = new RecordingHandler((_, _) => ErrorXml(HttpStatusCode.NotFound, "NoSuchBucket"));

        var error = await Assert.ThrowsAsync<CosException>(() => Cos(handler, Some.Time()).GetObjectAsync(Some.Bucket, "a.json", CancellationToken.None));

        Assert.Equal("NoSuchBucket", error.Code);
    }

    [Fact]
    public async Task GetReturnsTheContentAndHeadTheMetadata()
    {
        var handler = new RecordingHandler((request, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(request.Method == HttpMethod.Head ? [] : [1, 2, 3]) };
            response.Content.Headers.ContentLength = 3;
            response.Content.Headers.LastModified = new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"abc\"");
            response.Headers.TryAddWithoutValidation("x-cos-storage-class", "STANDARD_IA");
            response.Headers.TryAddWithoutValidation("x-cos-meta-imageexport-writer", "0a1b2c");
            return response;
        });
        var cos = Cos(handler, Some.Time());

        var got = await cos.GetObjectAsync(Some.Bucket, "a.raw", CancellationToken.None);
        var head = await cos.HeadObjectAsync(Some.Bucket, "a.raw", CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2, 3 }, got!.Content.ToArray());
        Assert.Equal(new CosObjectInfo("a.raw", 3, "\"abc\"", new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero), "STANDARD_IA")
        {
            Metadata = new Dictionary<string, string> { ["x-cos-meta-imageexport-writer"] = "0a1b2c" },
        }, head);
        Assert.Equal(head, got.Info);
    }

    [Fact]
    public async Task HeadReportsTheSizeOfAnObjectLargerThanTwoGiB()
    {
        const long sixHundredGiB = 600L << 30;
        var handler = new RecordingHandler((_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
            response.Content.Headers.ContentLength = sixHundredGiB;
            return response;
        });

        // One attempt: a client that cannot read the answer must fail here, not wait on a clock nobody moves.
        var cos = new CosClient(handler.Client(), new FixedCredentials(Some.TemporaryKeys), Some.LocalSettings,
            Some.Policy(Some.Time(), options: Some.Retry with { MaxAttempts = 1 }));

        var head = await cos.HeadObjectAsync(Some.Bucket, "img-1_system_snap-1.raw", CancellationToken.None);

        Assert.Equal(sixHundredGiB, head!.Size);
    }

    [Fact]
    public async Task AnObjectWithoutAStorageClassHeaderIsStandard()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.OK));

        var head = await Cos(handler, Some.Time()).HeadObjectAsync(Some.Bucket, "a.raw", CancellationToken.None);

        Assert.Equal("STANDARD", head!.StorageClass);
    }

    [Fact]
    public async Task AServerErrorOnGetIsRetried()
    {
        var handler = RecordingHandler.Sequence(
            () => ErrorXml(HttpStatusCode.InternalServerError, "InternalError"),
            () => throw new HttpRequestException(HttpRequestError.ResponseEnded, "ended"),
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([7]) });
        var time = Some.Time();

        var got = await Clock.RunAsync(time, Cos(handler, time).GetObjectAsync(Some.Bucket, "a.json", CancellationToken.None));

        Assert.Equal(new byte[] { 7 }, got!.Content.ToArray());
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task TheBucketRegionComesFromHeadBucket()
    {
        var handler = new RecordingHandler((_, _) =>
        {
            var response = RecordingHandler.Status(HttpStatusCode.OK);
            response.Headers.TryAddWithoutValidation("x-cos-bucket-region", "ap-beijing");
            return response;
        });

        var bucket = await Cos(handler, Some.Time()).HeadBucketAsync(Some.Bucket, CancellationToken.None);

        Assert.Equal(new CosBucketInfo(Some.Bucket, "ap-beijing"), bucket);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Head, sent.Method);
        Assert.Equal($"/{Some.Bucket}/", sent.Uri.AbsolutePath);
        Verify.Cos(sent, Some.SecretKey, Some.Bucket);
    }

    [Fact]
    public async Task AMissingBucketIsNullAndAForbiddenOneIsAnError()
    {
        var missing = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.NotFound));
        var forbidden = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.Forbidden));

        Assert.Null(await Cos(missing, Some.Time()).HeadBucketAsync(Some.Bucket, CancellationToken.None));
        var error = await Assert.ThrowsAsync<CosException>(() => Cos(forbidden, Some.Time()).HeadBucketAsync(Some.Bucket, CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("AccessDenied", error.Code);
    }

    [Fact]
    public async Task AListingPageIsParsedAndWithoutNextMarkerTheLastKeyContinuesIt()
    {
        const string page = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult>
              <Name>examplebucket-1250000000</Name><Prefix>exports/</Prefix><Marker/><MaxKeys>2</MaxKeys>
              <IsTruncated>true</IsTruncated>
              <Contents>
                <Key>exports/a.raw</Key><LastModified>2026-11-26T07:10:47.000Z</LastModified>
                <ETag>&quot;e1&quot;</ETag><Size>1073741824</Size><Owner><ID>1</ID></Owner><StorageClass>STANDARD</StorageClass>
              </Contents>
              <Contents>
                <Key>exports/b &amp; c.raw</Key><LastModified>2026-11-26T07:11:00.000Z</LastModified>
                <ETag>&quot;e2&quot;</ETag><Size>5</Size><StorageClass>STANDARD_IA</StorageClass>
              </Contents>
            </ListBucketResult>
            """;
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.OK, page));

        var listing = await Cos(handler, Some.Time()).ListObjectsAsync(Some.Bucket, "exports/", null, 2, CancellationToken.None);

        Assert.True(listing.IsTruncated);
        Assert.Equal("exports/b & c.raw", listing.NextMarker);
        Assert.Equal(
            [
                new CosObjectInfo("exports/a.raw", 1073741824, "\"e1\"", new DateTimeOffset(2026, 11, 26, 7, 10, 47, TimeSpan.Zero), "STANDARD"),
                new CosObjectInfo("exports/b & c.raw", 5, "\"e2\"", new DateTimeOffset(2026, 11, 26, 7, 11, 0, TimeSpan.Zero), "STANDARD_IA"),
            ],
            listing.Objects);
    }

    [Fact]
    public async Task ListingEverythingFollowsTheMarkersToTheLastPage()
    {
        var keys = Enumerable.Range(0, 5).Select(i => $"exports/{i}.raw").ToList();
        var handler = new RecordingHandler((request, _) =>
        {
            var query = Verify.Query(request.Uri).ToDictionary(p => p.Key, p => p.Value);
            var after = query.GetValueOrDefault("marker");
            var rest = keys.Where(k => after is null || string.CompareOrdinal(k, after) > 0).ToList();
            var page = rest.Take(2).ToList();
            var truncated = rest.Count > page.Count;
            var nextMarker = truncated && after is null ? $"<NextMarker>{page[^1]}</NextMarker>" : "";
            return RecordingHandler.Xml(HttpStatusCode.OK,
                $"<ListBucketResult><IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>{nextMarker}" +
                string.Concat(page.Select(k => $"<Contents><Key>{k}</Key><Size>1</Size></Contents>")) + "</ListBucketResult>");
        });

        var all = (await Cos(handler, Some.Time()).ListAllObjectsAsync(Some.Bucket, "exports/", maxPages: 10, CancellationToken.None)).Items;

        Assert.Equal(keys, all.Select(o => o.Key));
        Assert.Equal(3, handler.Requests.Count);
    }
}
