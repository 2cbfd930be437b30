using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ImageExport.Local.Emulator.Faults;
using ImageExport.Local.Tests.Emulator.Support;

namespace ImageExport.Local.Tests.Emulator;

/// <summary>
/// DELETE Multiple Objects (<c>POST /&lt;bucket&gt;?delete</c>, COS API 436/8289), which retention uses to remove the files
/// of an expired export: the XML shapes, the Content-MD5 it requires, its 1,000-key limit, and refusals that delete nothing.
/// </summary>
public sealed class CosDeleteMultipleTests : IAsyncLifetime
{
    private TestEmulator _emulator = null!;
    private string _bucket = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        _bucket = _emulator.Host.DefaultBucket;
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task VerboseModeListsEveryKeyAsDeletedAMissingOneToo()
    {
        await PutAsync("weekly/img-a_system.qcow2", "weekly/img-a_data_1.qcow2", "weekly/img-b_system.qcow2");

        var (status, result) = await DeleteAsync(Body(quiet: false, "weekly/img-a_system.qcow2", "weekly/img-a_data_1.qcow2", "weekly/never-there.qcow2"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("DeleteResult", result.Root!.Name.LocalName);
        Assert.Equal(["weekly/img-a_system.qcow2", "weekly/img-a_data_1.qcow2", "weekly/never-there.qcow2"], Keys(result, "Deleted"));
        Assert.Empty(Keys(result, "Error"));
        Assert.Equal(["weekly/img-b_system.qcow2"], await ListAsync());
    }

    [Fact]
    public async Task QuietModeAnswersOnlyTheFailuresSoASuccessIsAnEmptyResult()
    {
        await PutAsync("weekly/one.raw", "weekly/two.raw");

        var (status, result) = await DeleteAsync(Body(quiet: true, "weekly/one.raw", "weekly/two.raw"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(result.Root!.Elements());
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task WithoutQuietTheAnswerIsVerbose()
    {
        await PutAsync("weekly/one.raw");

        var (_, result) = await DeleteAsync(Encoding.UTF8.GetBytes("<Delete><Object><Key>weekly/one.raw</Key></Object></Delete>"));

        Assert.Equal(["weekly/one.raw"], Keys(result, "Deleted"));
    }

    [Fact]
    public async Task AVersionIdIsAcceptedAndTheKeyDeleted()
    {
        await PutAsync("weekly/one.raw");

        var (_, result) = await DeleteAsync(Encoding.UTF8.GetBytes(
            "<Delete><Quiet>false</Quiet><Object><Key>weekly/one.raw</Key><VersionId>MTg0NDUxNTc1NjIzMTQ1MDAwODg</VersionId></Object></Delete>"));

        Assert.Equal(["weekly/one.raw"], Keys(result, "Deleted"));
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task MoreThanAThousandKeysAreRefusedAndNothingIsDeleted()
    {
        await PutAsync("weekly/k0000");
        var keys = Enumerable.Range(0, CosDeleteMultipleLimit + 1).Select(i => $"weekly/k{i:D4}").ToArray();

        var (status, error) = await DeleteAsync(Body(quiet: true, keys));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MalformedXML", Code(error));
        Assert.Equal(["weekly/k0000"], await ListAsync());
    }

    [Fact]
    public async Task AThousandKeysAreTheLimitNotOverIt()
    {
        var keys = Enumerable.Range(0, CosDeleteMultipleLimit).Select(i => $"weekly/k{i:D4}").ToArray();

        var (status, result) = await DeleteAsync(Body(quiet: false, keys));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(CosDeleteMultipleLimit, Keys(result, "Deleted").Count);
    }

    [Fact]
    public async Task WithoutContentMd5TheRequestIsRefusedAndNothingIsDeleted()
    {
        await PutAsync("weekly/one.raw");

        var (status, error) = await DeleteAsync(Body(quiet: true, "weekly/one.raw"), md5: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MissingContentMD5", Code(error));
        Assert.Equal(["weekly/one.raw"], await ListAsync());
    }

    [Fact]
    public async Task AContentMd5OfAnotherBodyIsRefusedAndNothingIsDeleted()
    {
        await PutAsync("weekly/one.raw");
        var body = Body(quiet: true, "weekly/one.raw");

        var (status, error) = await DeleteAsync(body, md5: Convert.ToBase64String(MD5.HashData(Body(quiet: true, "weekly/other.raw"))));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BadDigest", Code(error));
        Assert.Equal(["weekly/one.raw"], await ListAsync());
    }

    [Fact]
    public async Task AContentMd5ThatIsNotBase64IsRefused()
    {
        var (status, error) = await DeleteAsync(Body(quiet: true, "weekly/one.raw"), md5: "not base64!");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidDigest", Code(error));
    }

    [Theory]
    [InlineData("<Delete><Quiet>true</Quiet></Delete>")]
    [InlineData("<Delete><Object><Key></Key></Object></Delete>")]
    [InlineData("<Remove><Object><Key>weekly/one.raw</Key></Object></Remove>")]
    [InlineData("<Delete><Quiet>yes</Quiet><Object><Key>weekly/one.raw</Key></Object></Delete>")]
    [InlineData("<Delete><Object><Key>weekly/one.raw</Key>")]
    public async Task AMalformedBodyIsRefusedAndNothingIsDeleted(string xml)
    {
        await PutAsync("weekly/one.raw");

        var (status, error) = await DeleteAsync(Encoding.UTF8.GetBytes(xml));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MalformedXML", Code(error));
        Assert.Equal(["weekly/one.raw"], await ListAsync());
    }

    [Fact]
    public async Task AMissingBucketIsNoSuchBucket()
    {
        var (status, error) = await DeleteAsync(Body(quiet: true, "weekly/one.raw"), bucket: "nowhere-" + _emulator.Host.AppId);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NoSuchBucket", Code(error));
    }

    [Fact]
    public async Task DeletingRaisesNoObjectCreatedEvent()
    {
        using var events = new EventCollector(_emulator.Host);
        await PutAsync("weekly/one.raw");
        await events.WaitForAsync(1);

        await DeleteAsync(Body(quiet: true, "weekly/one.raw"));
        await PutAsync("weekly/after.raw");

        // Events are delivered in order: had the delete raised one, it would come before the later put's.
        var all = await events.WaitForAsync(2);
        Assert.Equal(["weekly/one.raw", "weekly/after.raw"], all.Select(e => e.Event.Records![0].Cos!.CosObject!.Key!.Split('/', 4)[3]));
    }

    [Fact]
    public async Task AFaultPlanDenyingTheRequestRefusesItWhole()
    {
        await using var emulator = await TestEmulator.StartAsync(configure: o => o with { Faults = FaultPlan.Parse("""{"deny":["DeleteMultipleObjects"]}""") });
        await PutAsync(emulator, "weekly/one.raw");

        var (status, error) = await DeleteAsync(emulator, Body(quiet: true, "weekly/one.raw"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AccessDenied", Code(error));
        Assert.Equal(["weekly/one.raw"], await ListAsync(emulator));
        Assert.Equal(1, emulator.Host.Faults.Counters["cos:DeleteMultipleObjects:Denied"]);
    }

    [Fact]
    public async Task AFaultPlanDenyingDeleteObjectFailsEveryKeyInTheResultEvenInQuietMode()
    {
        await using var emulator = await TestEmulator.StartAsync(configure: o => o with { Faults = FaultPlan.Parse("""{"deny":["DeleteObject"]}""") });
        await PutAsync(emulator, "weekly/one.raw", "weekly/two.raw");

        var (status, result) = await DeleteAsync(emulator, Body(quiet: true, "weekly/one.raw", "weekly/two.raw"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["weekly/one.raw", "weekly/two.raw"], Keys(result, "Error"));
        Assert.All(result.Root!.Elements().Where(e => e.Name.LocalName == "Error"), e => Assert.Equal("AccessDenied", e.Element("Code")!.Value));
        Assert.Equal(["weekly/one.raw", "weekly/two.raw"], await ListAsync(emulator));
    }

    [Theory]
    [InlineData("""{"deny":["PutObject"]}""")]
    [InlineData("""{"deny":"DeleteObject"}""")]
    public void AFaultPlanDenyingAnythingElseIsRefused(string plan)
    {
        Assert.Throws<FormatException>(() => FaultPlan.Parse(plan));
    }

    private const int CosDeleteMultipleLimit = 1000;

    private static byte[] Body(bool quiet, params string[] keys) =>
        Encoding.UTF8.GetBytes(new XElement("Delete",
            new XElement("Quiet", quiet ? "true" : "false"),
            keys.Select(k => new XElement("Object", new XElement("Key", k)))).ToString(SaveOptions.DisableFormatting));

    private Task PutAsync(params string[] keys) => PutAsync(_emulator, keys);

    private static async Task PutAsync(TestEmulator emulator, params string[] keys)
    {
        foreach (var key in keys)
        {
            await emulator.Cos().PutObjectAsync(emulator.Host.DefaultBucket, key, "disk"u8.ToArray(), "application/octet-stream", false, CancellationToken.None);
        }
    }

    private Task<List<string>> ListAsync() => ListAsync(_emulator);

    private static async Task<List<string>> ListAsync(TestEmulator emulator) =>
        [.. (await emulator.Cos().ListObjectsAsync(emulator.Host.DefaultBucket, "weekly/", null, 1000, CancellationToken.None)).Objects.Select(o => o.Key)];

    private Task<(HttpStatusCode Status, XDocument Body)> DeleteAsync(byte[] body, string? md5 = "", string? bucket = null) =>
        DeleteAsync(_emulator, body, md5, bucket);

    /// <summary><paramref name="md5"/>: "" computes the right one, <c>null</c> sends none.</summary>
    private static async Task<(HttpStatusCode Status, XDocument Body)> DeleteAsync(TestEmulator emulator, byte[] body, string? md5 = "", string? bucket = null)
    {
        md5 = md5 == "" ? Convert.ToBase64String(MD5.HashData(body)) : md5;
        using var response = await emulator.RawCos.SendAsync(new RawCosRequest
        {
            Method = HttpMethod.Post,
            Bucket = bucket ?? emulator.Host.DefaultBucket,
            Query = [new("delete", "")],
            Body = body,
            Headers = md5 is null ? [new("Content-Type", "application/xml")] : [new("Content-Type", "application/xml"), new("Content-MD5", md5)],
        });
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static List<string> Keys(XDocument result, string element) =>
        [.. result.Root!.Elements().Where(e => e.Name.LocalName == element).Select(e => e.Element("Key")!.Value)];

    private static string Code(XDocument error) => error.Root!.Element("Code")!.Value;
}
