using System.Text.Json;
using ImageExport.TencentCloud.Cvm;
using ImageExport.TencentCloud.Tests.Support;

namespace ImageExport.TencentCloud.Tests.Cvm;

public sealed class CvmQueryTests
{
    private static string Answer(IEnumerable<string> ids, int totalCount) =>
        JsonSerializer.Serialize(new
        {
            Response = new
            {
                TotalCount = totalCount,
                ImageSet = ids.Select(id => new { ImageId = id, ImageType = "PRIVATE_IMAGE", Unexpected = new { Nested = 1 } }).ToArray(),
                RequestId = Guid.NewGuid().ToString(),
            },
        });

    private static IReadOnlyList<string> Ids(RecordedRequest request, string property)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.TryGetProperty(property, out var ids) ? ids.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
    }

    private static long Number(RecordedRequest request, string property)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty(property).GetInt64();
    }

    [Fact]
    public async Task DescribingTwoHundredFiftyIdsTakesThreeBatchesOfAtMostOneHundredAndAsksEachIdOnce()
    {
        var handler = new RecordingHandler((request, _) => RecordingHandler.Json(Answer(Ids(request, "ImageIds"), Ids(request, "ImageIds").Count)));
        var cvm = new CvmClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), Some.LocalSettings, Some.Policy(Some.Time()));
        var ids = Enumerable.Range(0, 250).Select(i => $"img-{i:D8}").ToList();

        var images = await cvm.DescribeImagesByIdsAsync(ids.Concat(ids.Take(30)), CancellationToken.None);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal([100, 100, 50], handler.Requests.Select(r => Ids(r, "ImageIds").Count));
        Assert.All(handler.Requests, r => Assert.Equal(100, Number(r, "Limit")));
        Assert.Equal(ids, handler.Requests.SelectMany(r => Ids(r, "ImageIds")));
        Assert.Equal(ids, images.Select(i => i.ImageId));
    }

    [Fact]
    public async Task ListingFollowsOffsetPagesUntilTheTotalCount()
    {
        const int total = 230;
        var catalogue = Enumerable.Range(0, total).Select(i => $"img-{i:D8}").ToList();
        var handler = new RecordingHandler((request, _) =>
            RecordingHandler.Json(Answer(catalogue.Skip((int)Number(request, "Offset")).Take((int)Number(request, "Limit")), total)));
        var cvm = new CvmClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), Some.LocalSettings, Some.Policy(Some.Time()));
        var filters = new[] { new CvmFilter("image-type", ["PRIVATE_IMAGE"]) };

        var images = await cvm.ListImagesAsync(filters, CancellationToken.None);

        Assert.Equal(catalogue, images.Select(i => i.ImageId));
        Assert.Equal([0L, 100L, 200L], handler.Requests.Select(r => Number(r, "Offset")));
        using var first = JsonDocument.Parse(handler.Requests[0].Body);
        var filter = Assert.Single(first.RootElement.GetProperty("Filters").EnumerateArray());
        Assert.Equal("image-type", filter.GetProperty("Name").GetString());
        Assert.Equal("PRIVATE_IMAGE", filter.GetProperty("Values")[0].GetString());
        Assert.False(first.RootElement.TryGetProperty("ImageIds", out _));
    }

    [Fact]
    public async Task ListingStopsAtAnEmptyPageEvenIfTheTotalPromisedMore()
    {
        var handler = new RecordingHandler((request, _) =>
            RecordingHandler.Json(Answer(Number(request, "Offset") == 0 ? ["img-00000001"] : [], 500)));
        var cvm = new CvmClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), Some.LocalSettings, Some.Policy(Some.Time()));

        var images = await cvm.ListImagesAsync([], CancellationToken.None);

        Assert.Single(images);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task ATagFilterIsSentAsTagColonKeyWithItsValuesAndTheImagesTagsAreRead()
    {
        // DescribeImages document (api/213/15715): Filters "tag:tag-key"; Image.Tags is [{"Key","Value"}].
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json("""
            {"Response":{"TotalCount":1,"ImageSet":[{"ImageId":"img-1","ImageType":"PRIVATE_IMAGE","Tags":[{"Key":"backup","Value":"weekly"}]}],"RequestId":"r"}}
            """));
        var cvm = new CvmClient(handler.Client(), new FixedCredentials(Some.PermanentKeys), Some.LocalSettings, Some.Policy(Some.Time()));

        var images = await cvm.ListImagesAsync([CvmFilter.ImageType("PRIVATE_IMAGE"), CvmFilter.Tag("backup", "weekly")], CancellationToken.None);

        using var sent = JsonDocument.Parse(handler.Requests[0].Body);
        var filters = sent.RootElement.GetProperty("Filters").EnumerateArray().Select(f => (f.GetProperty("Name").GetString(), f.GetProperty("Values")[0].GetString())).ToList();
        Assert.Equal([("image-type", "PRIVATE_IMAGE"), ("tag:backup", "weekly")], filters);
        Assert.Equal([new CvmTag("backup", "weekly")], Assert.Single(images).Tags);
    }
}
