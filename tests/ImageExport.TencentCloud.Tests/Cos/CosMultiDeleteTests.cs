using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Signing;
using ImageExport.TencentCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.TencentCloud.Tests.Cos;

/// <summary>
/// DELETE Multiple Objects, as COS's API document 436/8289 describes it: <c>POST /?delete</c>, an XML body in quiet
/// mode with a Content-MD5, and a <c>DeleteResult</c> whose <c>Error</c> elements name the keys not deleted.
/// </summary>
public sealed class CosMultiDeleteTests
{
    private static CosClient Cos(RecordingHandler handler, FakeTimeProvider time) =>
        new(handler.Client(), new FixedCredentials(Some.TemporaryKeys), Some.LocalSettings, Some.Policy(time));

    [Fact]
    public async Task TheKeysGoInOneSignedPostWithTheDeleteSubresourceAQuietXmlBodyAndItsMd5()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.OK, "<DeleteResult/>"));
        string[] keys = ["weekly_img-1_system_snap-1.qcow2", "weekly_img-1_data_snap-2 (腾讯).qcow2", "a&b<c>.raw"];

        var result = await Cos(handler, Some.Time()).DeleteObjectsAsync(Some.Bucket, keys, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal($"/{Some.Bucket}/", sent.Uri.AbsolutePath);
        Assert.Equal("?delete=", sent.Uri.Query);
        Assert.Equal("application/xml", sent.Header("Content-Type"));
        Assert.Equal(Convert.ToBase64String(MD5.HashData(sent.Body)), sent.Header("Content-MD5"));
        var body = XDocument.Parse(sent.BodyText).Root!;
        Assert.Equal("Delete", body.Name.LocalName);
        Assert.Equal("true", body.Element("Quiet")!.Value);
        Assert.Equal(keys, body.Elements("Object").Select(o => o.Element("Key")!.Value));
        Assert.True(CosAuthorizationParser.TryParse(sent.Header("Authorization"), out var authorization));
        Assert.Equal(["delete"], authorization.UrlParamList);
        Assert.Contains("content-md5", authorization.HeaderList);
        Verify.Cos(sent, Some.SecretKey, Some.Bucket);
        Assert.Equal(keys, result.Deleted);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task KeysInErrorElementsAreNotDeletedAndCarryTheirCodeTheOthersAre()
    {
        // The document's "部分删除失败" example, in verbose form; quiet mode leaves the Deleted elements out.
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.OK, """
            <DeleteResult>
              <Deleted><Key>a.raw</Key></Deleted>
              <Error><Key>b.raw</Key><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>
            </DeleteResult>
            """));

        var result = await Cos(handler, Some.Time()).DeleteObjectsAsync(Some.Bucket, ["a.raw", "b.raw", "c.raw"], CancellationToken.None);

        Assert.Equal(["a.raw", "c.raw"], result.Deleted);
        Assert.Equal([new CosDeleteError("b.raw", "AccessDenied", "Access Denied.")], result.Errors);
    }

    [Fact]
    public async Task ARefusalOfTheWholeRequestIsThrownWithItsCode()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.Forbidden,
            "<Error><Code>AccessDenied</Code><Message>Access Denied.</Message><RequestId>req-1</RequestId></Error>"));

        var error = await Assert.ThrowsAsync<CosException>(() =>
            Cos(handler, Some.Time()).DeleteObjectsAsync(Some.Bucket, ["a.raw"], CancellationToken.None));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("AccessDenied", error.Code);
    }

    [Fact]
    public async Task NoKeysSendNothingAndMoreThanAThousandAreRefusedBeforeSending()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.OK, "<DeleteResult/>"));
        var cos = Cos(handler, Some.Time());

        var none = await cos.DeleteObjectsAsync(Some.Bucket, [], CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            cos.DeleteObjectsAsync(Some.Bucket, Enumerable.Range(0, 1001).Select(i => $"k{i}").ToList(), CancellationToken.None));

        Assert.Empty(none.Deleted);
        Assert.Empty(handler.Requests);
    }
}
