using System.Net;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Signing;
using ImageExport.TencentCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.TencentCloud.Tests.Cos;

/// <summary>
/// ListMultipartUploads and ListParts: what the poll reads to see how far a running export has got. Answer shapes are
/// the ones in Tencent's API documents (product/436/7736 and 436/7747), including the asctime form of LastModified in
/// the ListParts example.
/// </summary>
public sealed class CosMultipartListingTests
{
    private static CosClient Cos(RecordingHandler handler, FakeTimeProvider time) =>
        new(handler.Client(), new FixedCredentials(Some.TemporaryKeys), Some.LocalSettings, Some.Policy(time));

    [Fact]
    public async Task ListMultipartUploadsSendsTheUploadsSubresourceWithPrefixAndMarkersSigned()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.OK, "<ListMultipartUploadsResult><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>"));

        await Cos(handler, Some.Time()).ListMultipartUploadsAsync(Some.Bucket, "daily_img-1", "daily_img-1_system", "upload 1", 500, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal($"/{Some.Bucket}/", sent.Uri.AbsolutePath);
        Assert.Equal("?uploads=&prefix=daily_img-1&key-marker=daily_img-1_system&upload-id-marker=upload%201&max-uploads=500", sent.Uri.Query);
        Assert.True(CosAuthorizationParser.TryParse(sent.Header("Authorization"), out var authorization));
        Assert.Equal(["key-marker", "max-uploads", "prefix", "upload-id-marker", "uploads"], authorization.UrlParamList);
        Verify.Cos(sent, Some.SecretKey, Some.Bucket);
    }

    [Fact]
    public async Task AnUploadsPageGivesKeysUploadIdsInitiationTimesAndTheNextMarkers()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.OK, """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListMultipartUploadsResult>
              <Bucket>examplebucket-1250000000</Bucket><Encoding-Type/><KeyMarker/><UploadIdMarker/>
              <NextKeyMarker>p_img-1_system_snap-1.raw</NextKeyMarker><NextUploadIdMarker>1585130821cbb7df1d</NextUploadIdMarker>
              <Prefix>p_</Prefix><Delimiter/><MaxUploads>1</MaxUploads><IsTruncated>true</IsTruncated>
              <Upload>
                <Key>p_img-1_system_snap-1.raw</Key><UploadId>1585130821cbb7df1d</UploadId><StorageClass>STANDARD</StorageClass>
                <Initiator><ID>1250000000</ID><DisplayName>1250000000</DisplayName></Initiator>
                <Owner><ID>1250000000</ID><DisplayName>1250000000</DisplayName></Owner>
                <Initiated>2020-03-25T10:07:01.000Z</Initiated>
              </Upload>
            </ListMultipartUploadsResult>
            """));

        var page = await Cos(handler, Some.Time()).ListMultipartUploadsAsync(Some.Bucket, "p_", null, null, 1, CancellationToken.None);

        var upload = Assert.Single(page.Uploads);
        Assert.Equal(new CosUpload("p_img-1_system_snap-1.raw", "1585130821cbb7df1d", new DateTimeOffset(2020, 3, 25, 10, 7, 1, TimeSpan.Zero)), upload);
        Assert.True(page.IsTruncated);
        Assert.Equal("p_img-1_system_snap-1.raw", page.NextKeyMarker);
        Assert.Equal("1585130821cbb7df1d", page.NextUploadIdMarker);
    }

    [Fact]
    public async Task ListPartsAsksForTheUploadOnTheObjectAndReadsSizesAndTimesInEitherDateForm()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.OK, """
            <?xml version="1.0" encoding="UTF-8" ?>
            <ListPartsResult>
              <Bucket>examplebucket-1250000000</Bucket><Encoding-type/><Key>exampleobject</Key><UploadId>1484642062</UploadId>
              <PartNumberMarker>3</PartNumberMarker>
              <Part><PartNumber>4</PartNumber><LastModified>Tue Jan 17 16:43:37 2017</LastModified><ETag>"a1f8"</ETag><Size>5242880</Size></Part>
              <Part><PartNumber>5</PartNumber><LastModified>2017-01-17T16:44:00.000Z</LastModified><ETag>"b2f9"</ETag><Size>1024</Size></Part>
              <NextPartNumberMarker>5</NextPartNumberMarker><StorageClass>STANDARD</StorageClass><MaxParts>2</MaxParts><IsTruncated>true</IsTruncated>
            </ListPartsResult>
            """));

        var page = await Cos(handler, Some.Time()).ListPartsAsync(Some.Bucket, "exampleobject", "1484642062", 3, 2, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal($"/{Some.Bucket}/exampleobject", sent.Uri.AbsolutePath);
        Assert.Equal("?uploadId=1484642062&part-number-marker=3&max-parts=2", sent.Uri.Query);
        Verify.Cos(sent, Some.SecretKey, Some.Bucket);
        Assert.NotNull(page);
        Assert.Equal(
            [new CosPart(4, 5242880, new DateTimeOffset(2017, 1, 17, 16, 43, 37, TimeSpan.Zero)), new CosPart(5, 1024, new DateTimeOffset(2017, 1, 17, 16, 44, 0, TimeSpan.Zero))],
            page.Parts);
        Assert.True(page.IsTruncated);
        Assert.Equal(5, page.NextPartNumberMarker);
    }

    [Fact]
    public async Task AnUploadThatNoLongerExistsHasNoParts()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.NotFound,
            "<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message><RequestId>r</RequestId></Error>"));

        Assert.Null(await Cos(handler, Some.Time()).ListPartsAsync(Some.Bucket, "k", "gone", 0, 1000, CancellationToken.None));
    }

    [Fact]
    public async Task AMissingListPermissionIsACosErrorTheCallerCanRecognise()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.Forbidden,
            "<Error><Code>AccessDenied</Code><Message>Access Denied.</Message><RequestId>r</RequestId></Error>"));

        var error = await Assert.ThrowsAsync<CosException>(() =>
            Cos(handler, Some.Time()).ListMultipartUploadsAsync(Some.Bucket, "p_", null, null, 1000, CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("AccessDenied", error.Code);
    }
}
