using System.Text.Json;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.Scf.Events;

namespace ImageExport.Local.Tests.Emulator;

public sealed class CosEventTests : IAsyncLifetime
{
    private TestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task APutRaisesAnEventShapedLikeTencentsPublishedOne()
    {
        using var events = new EventCollector(_emulator.Host);

        await _emulator.Cos().PutObjectAsync(_emulator.Host.DefaultBucket, "exports/web_xvda.raw", "disk"u8.ToArray(), "application/octet-stream", false, CancellationToken.None);

        var created = Assert.Single(await events.WaitForAsync(1));
        var published = JsonNode.Parse(File.ReadAllText(PublishedFixtures.Path("events/cos-object-created.json")))!;
        var ours = JsonNode.Parse(created.Json.Span)!;
        Assert.Equal(PropertyPaths(published), PropertyPaths(ours));

        var record = created.Event.Records![0];
        Assert.Equal($"/{_emulator.Host.AppId}/imageexport/exports/web_xvda.raw", record.Cos!.CosObject!.Key);
        Assert.Equal(4, record.Cos.CosObject.Size);
        Assert.Equal("", record.Cos.CosObject.Vid);
        Assert.Equal("application/octet-stream", record.Cos.CosObject.Meta!["Content-Type"]);
        Assert.False(string.IsNullOrEmpty(record.Cos.CosObject.Meta["x-cos-request-id"]));
        Assert.Equal(("gz", "imageexport", _emulator.Host.AppId), (record.Cos.CosBucket!.Region, record.Cos.CosBucket.Name, record.Cos.CosBucket.AppId));
        // The literal pattern, as Tencent's COS trigger document and captured events show, not the operation.
        Assert.Equal("cos:ObjectCreated:*", record.Event!.EventName);
        Assert.Equal("cos:ObjectCreated:Put", created.EventName);
        Assert.Equal("qcs::cos", record.Event.EventSource);
        Assert.StartsWith("q-sign-algorithm=sha1", record.Event.RequestParameters!.RequestHeaders!["Authorization"]);
        Assert.InRange(record.Event.EventTime, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("operation", "cos:ObjectCreated:Put", "cos:ObjectCreated:Put", "cos:ObjectCreated:Put")]
    [InlineData("mixed", "cos:ObjectCreated:*", "cos:ObjectCreated:Put", "cos:ObjectCreated:*")]
    public async Task TheEventNameFormIsConfigurableAndMixedSendsBothByTurns(string names, string first, string second, string third)
    {
        var form = names == "mixed" ? CosEventNames.Mixed : CosEventNames.Operation;
        await using var emulator = await TestEmulator.StartAsync(configure: o => o with { CosEventNames = form });
        using var events = new EventCollector(emulator.Host);

        foreach (var key in new[] { "a", "b", "c" })
        {
            await emulator.Cos().PutObjectAsync(emulator.Host.DefaultBucket, key, "x"u8.ToArray(), null, false, CancellationToken.None);
        }

        var created = await events.WaitForAsync(3);
        Assert.Equal([first, second, third], created.Select(c => c.Event.Records![0].Event!.EventName));
        Assert.All(created, c => Assert.Equal("cos:ObjectCreated:Put", c.EventName));
    }

    [Fact]
    public async Task TheEventJsonReadsBackWithTheProjectsEventModel()
    {
        using var events = new EventCollector(_emulator.Host);

        await _emulator.Cos().PutObjectAsync(_emulator.Host.DefaultBucket, "a/b", "x"u8.ToArray(), null, false, CancellationToken.None);

        var created = Assert.Single(await events.WaitForAsync(1));
        var parsed = JsonSerializer.Deserialize(created.Json.Span, ScfEventsJsonContext.Default.CosEvent)!;
        Assert.Equal("/1250000000/imageexport/a/b", parsed.Records![0].Cos!.CosObject!.Key);
    }

    [Fact]
    public async Task ABucketInAnotherRegionCarriesThatRegionsShortCode()
    {
        using var events = new EventCollector(_emulator.Host);

        await _emulator.Cos().PutObjectAsync($"elsewhere-{_emulator.Host.AppId}", "k", "x"u8.ToArray(), null, false, CancellationToken.None);

        Assert.Equal("sh", Assert.Single(await events.WaitForAsync(1)).Event.Records![0].Cos!.CosBucket!.Region);
    }

    [Fact]
    public async Task AFailingSubscriberNeitherFailsTheUploadNorStopsOthers()
    {
        using var failing = _emulator.Host.Subscribe((_, _) => throw new InvalidOperationException("subscriber broke"));
        using var events = new EventCollector(_emulator.Host);

        await _emulator.Cos().PutObjectAsync(_emulator.Host.DefaultBucket, "first", "x"u8.ToArray(), null, false, CancellationToken.None);
        await _emulator.Cos().PutObjectAsync(_emulator.Host.DefaultBucket, "second", "x"u8.ToArray(), null, false, CancellationToken.None);

        Assert.Equal(["first", "second"], (await events.WaitForAsync(2)).Select(e => e.Key));
    }

    [Fact]
    public async Task ASlowSubscriberDoesNotHoldTheUpload()
    {
        var release = new TaskCompletionSource();
        using var slow = _emulator.Host.Subscribe((_, _) => release.Task);

        await _emulator.Cos().PutObjectAsync(_emulator.Host.DefaultBucket, "quick", "x"u8.ToArray(), null, false, CancellationToken.None);

        Assert.False(release.Task.IsCompleted);
        release.SetResult();
    }

    [Fact]
    public async Task AnUnsubscribedHandlerHearsNothingMore()
    {
        var heard = 0;
        var subscription = _emulator.Host.Subscribe((_, _) =>
        {
            Interlocked.Increment(ref heard);
            return Task.CompletedTask;
        });
        using var events = new EventCollector(_emulator.Host);
        subscription.Dispose();

        await _emulator.Cos().PutObjectAsync(_emulator.Host.DefaultBucket, "k", "x"u8.ToArray(), null, false, CancellationToken.None);
        await events.WaitForAsync(1);

        Assert.Equal(0, heard);
        Assert.Equal(1, _emulator.Host.Counters.CosEventsRaised(EmulatedCos.PutEvent));
    }

    private static List<string> PropertyPaths(JsonNode node, string path = "")
    {
        var paths = new List<string>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    // meta holds whatever headers the object was stored with; only its documented entries are compared.
                    if (path.EndsWith("meta", StringComparison.Ordinal) && name.StartsWith("x-cos-meta-", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    paths.Add($"{path}/{name}");
                    paths.AddRange(child is null ? [] : PropertyPaths(child, $"{path}/{name}"));
                }

                break;
            case JsonArray a:
                paths.AddRange(a.Count > 0 && a[0] is { } first ? PropertyPaths(first, path + "[]") : []);
                break;
        }

        return [.. paths.Order(StringComparer.Ordinal)];
    }
}
