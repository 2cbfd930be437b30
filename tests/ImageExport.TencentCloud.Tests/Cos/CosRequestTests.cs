using System.Net;
using System.Security.Cryptography;
using System.Text;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Signing;
using ImageExport.TencentCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.TencentCloud.Tests.Cos;

public sealed class CosRequestTests
{
    private static CosClient Cos(RecordingHandler handler, FakeTimeProvider time, TencentCloudSettings? settings = null, bool temporary = true) =>
        new(handler.Client(), new FixedCredentials(temporary ? Some.TemporaryKeys : Some.PermanentKeys), settings ?? Some.LocalSettings, Some.Policy(time));

    private static HttpResponseMessage Ok() => RecordingHandler.Status(HttpStatusCode.OK);

    [Fact]
    public async Task APutIsPathStyleWithAnEncodedKeyAndASignatureOverTheDecodedKeyWithoutTheBucket()
    {
        var handler = new RecordingHandler((_, _) => Ok());
        var content = Encoding.UTF8.GetBytes("""{"event":"requested"}""");

        await Cos(handler, Some.Time()).PutObjectAsync(Some.Bucket, "jobs/job 1/0001-requested(腾讯云).json", content, "application/json", forbidOverwrite: true, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Put, sent.Method);
        Assert.Equal($"/{Some.Bucket}/jobs/job%201/0001-requested%28%E8%85%BE%E8%AE%AF%E4%BA%91%29.json", sent.Uri.AbsolutePath);
        Assert.Equal("127.0.0.1:9200", sent.Header("Host"));
        Assert.Equal("true", sent.Header("x-cos-forbid-overwrite"));
        Assert.Equal(Some.Token, sent.Header("x-cos-security-token"));
        Assert.Equal("application/json", sent.Header("Content-Type"));
        Assert.Equal(Convert.ToBase64String(MD5.HashData(content)), sent.Header("Content-MD5"));
        Assert.Equal(content, sent.Body);
        Assert.True(CosAuthorizationParser.TryParse(sent.Header("Authorization"), out var authorization));
        Assert.Equal(
            ["content-length", "content-md5", "content-type", "host", "x-cos-forbid-overwrite", "x-cos-security-token"],
            authorization.HeaderList);
        Verify.Cos(sent, Some.SecretKey, Some.Bucket);
    }

    [Fact]
    public async Task UserMetadataIsSentAsSignedXCosMetaHeadersAndAnyOtherNameIsRefused()
    {
        var handler = new RecordingHandler((_, _) => Ok());
        var cos = Cos(handler, Some.Time());

        await cos.PutObjectAsync(Some.Bucket, "a.json", new byte[] { 1 }, "application/json", forbidOverwrite: true,
            new Dictionary<string, string> { ["X-Cos-Meta-ImageExport-Writer"] = "0a1b2c" }, CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(() => cos.PutObjectAsync(Some.Bucket, "b.json", new byte[] { 1 }, null, forbidOverwrite: true,
            new Dictionary<string, string> { ["x-amz-meta-writer"] = "0a1b2c" }, CancellationToken.None));

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("0a1b2c", sent.Header("x-cos-meta-imageexport-writer"));
        Assert.True(CosAuthorizationParser.TryParse(sent.Header("Authorization"), out var authorization));
        Assert.Contains("x-cos-meta-imageexport-writer", authorization.HeaderList);
        Verify.Cos(sent, Some.SecretKey, Some.Bucket);
    }

    [Fact]
    public async Task WithPermanentKeysNoTokenIsSentAndAPlainPutMayOverwrite()
    {
        var handler = new RecordingHandler((_, _) => Ok());

        await Cos(handler, Some.Time(), temporary: false).PutObjectAsync(Some.Bucket, "a.json", new byte[] { 1 }, null, forbidOverwrite: false, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Null(sent.Header("x-cos-security-token"));
        Assert.Null(sent.Header("x-cos-forbid-overwrite"));
        Assert.Equal("application/octet-stream", sent.Header("Content-Type"));
        Verify.Cos(sent, Some.SecretKey, Some.Bucket);
    }

    [Fact]
    public async Task WithoutAnEndpointOverrideTheBucketIsAVirtualHostInTheRegion()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.NotFound));
        var settings = Some.LocalSettings with { CosEndpoint = null };

        await Cos(handler, Some.Time(), settings).HeadObjectAsync(Some.Bucket, "/img-1_system_snap-1.raw", CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(new Uri($"https://{Some.Bucket}.cos.ap-guangzhou.myqcloud.com/img-1_system_snap-1.raw"), sent.Uri);
        Assert.Equal($"{Some.Bucket}.cos.ap-guangzhou.myqcloud.com", sent.Header("Host"));
        Assert.Equal(HttpMethod.Head, sent.Method);
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("./a")]
    [InlineData("")]
    public async Task AKeyAUrlCannotCarryFaithfullyIsRefusedBeforeAnyRequest(string key)
    {
        var handler = new RecordingHandler((_, _) => Ok());

        await Assert.ThrowsAsync<ArgumentException>(() => Cos(handler, Some.Time()).GetObjectAsync(Some.Bucket, key, CancellationToken.None));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task TheListingQueryIsSentEncodedAndSigned()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Xml(HttpStatusCode.OK, "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"));

        await Cos(handler, Some.Time()).ListObjectsAsync(Some.Bucket, "jobs/job 1/", "jobs/job 1/0001", 50, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal($"/{Some.Bucket}/", sent.Uri.AbsolutePath);
        Assert.Equal("?prefix=jobs%2Fjob%201%2F&marker=jobs%2Fjob%201%2F0001&max-keys=50", sent.Uri.Query);
        Assert.True(CosAuthorizationParser.TryParse(sent.Header("Authorization"), out var authorization));
        Assert.Equal(["marker", "max-keys", "prefix"], authorization.UrlParamList);
        Verify.Cos(sent, Some.SecretKey, Some.Bucket);
    }

    [Fact]
    public void APresignedUrlCarriesTheTokenAndVerifiesWithTheCosSigner()
    {
        var time = Some.Time();
        var cos = Cos(new RecordingHandler((_, _) => Ok()), time);

        var presigned = cos.PresignGetObject(Some.Bucket, "exports/img-1_system_snap-1.raw", TimeSpan.FromMinutes(30));

        Assert.StartsWith($"http://127.0.0.1:9200/{Some.Bucket}/exports/img-1_system_snap-1.raw?", presigned.Url.AbsoluteUri);
        var query = Verify.Query(presigned.Url);
        Assert.Contains(KeyValuePair.Create("x-cos-security-token", Some.Token), query);
        Assert.Contains(KeyValuePair.Create("q-ak", Some.SecretId), query);
        Assert.Contains("q-sign-time=", presigned.Url.Query);
        Assert.DoesNotContain(";", presigned.Url.Query);
        Verify.PresignedUrl(presigned.Url, Some.SecretKey, Some.Bucket, "127.0.0.1:9200");
        Assert.True(CosAuthorizationParser.TryParseQuery(query, out var authorization));
        Assert.EndsWith(";" + (time.GetUtcNow() + TimeSpan.FromMinutes(30)).ToUnixTimeSeconds(), authorization.KeyTime);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(30), presigned.ExpiresAt);
    }

    [Fact]
    public void APresignedUrlExpiresNoLaterThanTheTemporaryKeysItIsSignedWith()
    {
        var time = Some.Time();
        var settings = Some.LocalSettings with { TemporaryCredentialsLifetime = TimeSpan.FromMinutes(20) };
        var cos = Cos(new RecordingHandler((_, _) => Ok()), time, settings);

        var presigned = cos.PresignGetObject(Some.Bucket, "a.raw", TimeSpan.FromHours(2));

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(20), presigned.ExpiresAt);
    }

    [Fact]
    public void AKnownKeyExpiryWinsOverTheAssumedLifetime()
    {
        var time = Some.Time();
        var keys = Some.TemporaryKeys with { ExpiresAt = time.GetUtcNow() + TimeSpan.FromMinutes(7) };
        var cos = new CosClient(new RecordingHandler((_, _) => Ok()).Client(), new FixedCredentials(keys), Some.LocalSettings, Some.Policy(time));

        var presigned = cos.PresignGetObject(Some.Bucket, "a.raw", TimeSpan.FromHours(2));

        Assert.Equal(keys.ExpiresAt, presigned.ExpiresAt);
    }

    [Fact]
    public void APresignedUrlWithPermanentKeysLivesItsFullLifetimeAndCarriesNoToken()
    {
        var time = Some.Time();
        var cos = Cos(new RecordingHandler((_, _) => Ok()), time, temporary: false);

        var presigned = cos.PresignGetObject(Some.Bucket, "a.raw", TimeSpan.FromDays(3));

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromDays(3), presigned.ExpiresAt);
        Assert.DoesNotContain("x-cos-security-token", presigned.Url.Query);
        Verify.PresignedUrl(presigned.Url, Some.SecretKey, Some.Bucket, "127.0.0.1:9200");
    }
}
