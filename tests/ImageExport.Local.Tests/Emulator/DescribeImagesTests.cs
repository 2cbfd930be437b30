using System.Text.Json.Nodes;
using ImageExport.Local.Tests.Emulator.Support;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Local.Tests.Emulator;

public sealed class DescribeImagesTests : IAsyncLifetime
{
    private TestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private Task<DescribeImagesResponse> Describe(DescribeImagesRequest request) => _emulator.Cvm().DescribeImagesAsync(request, CancellationToken.None);

    private static DescribeImagesRequest Filter(params CvmFilter[] filters) => new() { Filters = filters, Limit = 100 };

    [Fact]
    public async Task ImageIdsReturnExactlyTheKnownOnesAndTheTotal()
    {
        var answer = await Describe(new DescribeImagesRequest { ImageIds = ["img-linux002", "img-zzzzzzzz", "img-linux001"] });

        Assert.Equal(["img-linux001", "img-linux002"], answer.ImageSet.Select(i => i.ImageId).Order());
        Assert.Equal(2, answer.TotalCount);
        Assert.False(string.IsNullOrEmpty(answer.RequestId));
    }

    [Fact]
    public async Task TheImageComesBackWithItsSnapshots()
    {
        var image = Assert.Single((await Describe(new DescribeImagesRequest { ImageIds = ["img-linux001"] })).ImageSet);

        Assert.Equal("PRIVATE_IMAGE", image.ImageType);
        Assert.Equal("NORMAL", image.ImageState);
        Assert.Equal([("SYSTEM_DISK", 20L), ("DATA_DISK", 10L)], image.SnapshotSet.Select(s => (s.DiskUsage, s.DiskSize)));
    }

    [Fact]
    public async Task UnknownCatalogFieldsAreReturnedAsGivenAndEmulatorHintsAreNot()
    {
        var custom = Some.Image("img-custom01", hints: new JsonObject { ["Encrypted"] = true });
        custom["SomeFutureField"] = new JsonObject { ["Nested"] = 42 };
        await using var emulator = await TestEmulator.StartAsync(Some.Catalog(custom));

        var answer = await emulator.RawCvm.SendAsync(new RawCvmRequest { Action = "DescribeImages", Body = """{"ImageIds":["img-custom01"]}""" });

        var image = answer["ImageSet"]![0]!.AsObject();
        Assert.Equal(42, image["SomeFutureField"]!["Nested"]!.GetValue<int>());
        Assert.False(image.ContainsKey("Emulator"));
    }

    [Fact]
    public async Task ImageTypeFilterMatchesExactly()
    {
        var answer = await Describe(Filter(new CvmFilter("image-type", ["PUBLIC_IMAGE", "SHARED_IMAGE"])));

        Assert.Equal(["img-public01", "img-shared01"], answer.ImageSet.Select(i => i.ImageId).Order());
    }

    [Fact]
    public async Task ImageIdFilterMatchesTheIds()
    {
        var answer = await Describe(Filter(new CvmFilter("image-id", ["img-linux003"])));

        Assert.Equal("img-linux003", Assert.Single(answer.ImageSet).ImageId);
    }

    [Fact]
    public async Task ImageNameAndPlatformFiltersAreFuzzy()
    {
        var byName = await Describe(Filter(new CvmFilter("image-name", ["LINUX00"])));
        var byPlatform = await Describe(Filter(new CvmFilter("platform", ["windo"])));

        Assert.Equal(3, byName.TotalCount);
        Assert.Equal("img-windows1", Assert.Single(byPlatform.ImageSet).ImageId);
    }

    [Fact]
    public async Task FiltersAreAndedAndTheirValuesOred()
    {
        var answer = await Describe(Filter(
            new CvmFilter("image-type", ["PRIVATE_IMAGE"]),
            new CvmFilter("image-id", ["img-linux001", "img-public01", "img-linux002"])));

        Assert.Equal(["img-linux001", "img-linux002"], answer.ImageSet.Select(i => i.ImageId).Order());
    }

    [Fact]
    public async Task OffsetAndLimitPageThroughAStableOrder()
    {
        var all = await Describe(new DescribeImagesRequest { Limit = 100 });
        var first = await Describe(new DescribeImagesRequest { Offset = 0, Limit = 5 });
        var second = await Describe(new DescribeImagesRequest { Offset = 5, Limit = 5 });

        Assert.Equal(all.ImageSet.Take(10).Select(i => i.ImageId), first.ImageSet.Concat(second.ImageSet).Select(i => i.ImageId));
        Assert.Equal(all.TotalCount, first.TotalCount);
    }

    [Fact]
    public async Task WithoutALimitTwentyImagesAreReturned()
    {
        var images = Enumerable.Range(0, 25).Select(i => Some.Image($"img-page{i:D4}")).ToArray();
        await using var emulator = await TestEmulator.StartAsync(Some.Catalog(images));

        var answer = await emulator.Cvm().DescribeImagesAsync(new DescribeImagesRequest(), CancellationToken.None);

        Assert.Equal(20, answer.ImageSet.Count);
        Assert.Equal(25, answer.TotalCount);
    }

    [Fact]
    public async Task ALimitOverAHundredIsRefused()
    {
        Assert.Equal("InvalidParameterValue.InvalidParameterValueLimit", await TestEmulator.CvmErrorAsync(() => Describe(new DescribeImagesRequest { Limit = 101 })));
    }

    [Fact]
    public async Task ImageIdsAndFiltersTogetherAreRefused()
    {
        var request = new DescribeImagesRequest { ImageIds = ["img-linux001"], Filters = [new CvmFilter("image-type", ["PRIVATE_IMAGE"])] };

        Assert.Equal("InvalidParameter.InvalidParameterCoexistImageIdsFilters", await TestEmulator.CvmErrorAsync(() => Describe(request)));
    }

    [Theory]
    [InlineData("img-123")]
    [InlineData("image-linux001")]
    [InlineData("img-LINUX001")]
    public async Task AMalformedImageIdIsRefused(string id)
    {
        Assert.Equal("InvalidImageId.Malformed", await TestEmulator.CvmErrorAsync(() => Describe(new DescribeImagesRequest { ImageIds = [id] })));
    }

    [Fact]
    public async Task AnUnknownFilterIsRefused()
    {
        Assert.Equal("InvalidFilter", await TestEmulator.CvmErrorAsync(() => Describe(Filter(new CvmFilter("image-state", ["NORMAL"])))));
    }

    [Fact]
    public async Task MoreThanTenFiltersAreRefused()
    {
        var filters = Enumerable.Range(0, 11).Select(_ => new CvmFilter("image-type", ["PRIVATE_IMAGE"])).ToArray();

        Assert.Equal("InvalidParameterValue.LimitExceeded", await TestEmulator.CvmErrorAsync(() => Describe(Filter(filters))));
    }

    [Fact]
    public async Task MoreThanFiveValuesInAFilterAreRefused()
    {
        var filter = new CvmFilter("image-id", ["img-aaaaaaa1", "img-aaaaaaa2", "img-aaaaaaa3", "img-aaaaaaa4", "img-aaaaaaa5", "img-aaaaaaa6"]);

        Assert.Equal("InvalidFilterValue.LimitExceeded", await TestEmulator.CvmErrorAsync(() => Describe(Filter(filter))));
    }

    [Fact]
    public async Task AMisspeltParameterIsRefusedRatherThanIgnored()
    {
        var code = await _emulator.RawCvm.ErrorCodeAsync(new RawCvmRequest { Action = "DescribeImages", Body = """{"ImageID":["img-linux001"]}""" });

        Assert.Equal("UnknownParameter", code);
    }

    [Fact]
    public async Task ImagesAreListedWholeByTheClientsPagingHelpers()
    {
        var images = Enumerable.Range(0, 130).Select(i => Some.Image($"img-many{i:D4}")).ToArray();
        await using var emulator = await TestEmulator.StartAsync(Some.Catalog(images));

        var listed = (await emulator.Cvm().ListImagesAsync([new CvmFilter("image-type", ["PRIVATE_IMAGE"])], maxPages: 10, CancellationToken.None)).Items;
        var byIds = await emulator.Cvm().DescribeImagesByIdsAsync(images.Select(i => i["ImageId"]!.GetValue<string>()), CancellationToken.None);

        Assert.Equal(130, listed.Select(i => i.ImageId).Distinct().Count());
        Assert.Equal(130, byIds.Count);
    }

    [Fact]
    public async Task ATagFilterMatchesTheImagesCarryingThatKeyAndValue()
    {
        await using var emulator = await TestEmulator.StartAsync(TaggedCatalog());

        var answer = await emulator.Cvm().DescribeImagesAsync(Filter(new CvmFilter("tag:backup", ["weekly"])), CancellationToken.None);

        Assert.Equal(["img-weekly01", "img-weekly02"], answer.ImageSet.Select(i => i.ImageId));
    }

    [Fact]
    public async Task TagValuesAreOredAndMatchExactly()
    {
        await using var emulator = await TestEmulator.StartAsync(TaggedCatalog());

        var both = await emulator.Cvm().DescribeImagesAsync(Filter(new CvmFilter("tag:backup", ["weekly", "daily"])), CancellationToken.None);
        var wrongCase = await emulator.Cvm().DescribeImagesAsync(Filter(new CvmFilter("tag:backup", ["Weekly"])), CancellationToken.None);
        var partial = await emulator.Cvm().DescribeImagesAsync(Filter(new CvmFilter("tag:backup", ["week"])), CancellationToken.None);

        Assert.Equal(["img-weekly01", "img-weekly02", "img-daily001"], both.ImageSet.Select(i => i.ImageId));
        Assert.Empty(wrongCase.ImageSet);
        Assert.Empty(partial.ImageSet);
    }

    [Fact]
    public async Task TagKeyAndTagValueFiltersMatchEitherHalfOfATag()
    {
        await using var emulator = await TestEmulator.StartAsync(TaggedCatalog());

        var byKey = await emulator.Cvm().DescribeImagesAsync(Filter(new CvmFilter("tag-key", ["backup"])), CancellationToken.None);
        var byValue = await emulator.Cvm().DescribeImagesAsync(Filter(new CvmFilter("tag-value", ["weekly"])), CancellationToken.None);

        Assert.Equal(["img-weekly01", "img-weekly02", "img-daily001"], byKey.ImageSet.Select(i => i.ImageId));
        // img-otherkey has the value under another key: tag-value does not care which key.
        Assert.Equal(["img-weekly01", "img-weekly02", "img-otherkey"], byValue.ImageSet.Select(i => i.ImageId));
    }

    [Fact]
    public async Task ATagFilterIsAndedWithTheOthers()
    {
        await using var emulator = await TestEmulator.StartAsync(TaggedCatalog());

        var answer = await emulator.Cvm().DescribeImagesAsync(
            Filter(new CvmFilter("tag:backup", ["weekly"]), new CvmFilter("image-id", ["img-weekly02", "img-daily001"])), CancellationToken.None);

        Assert.Equal("img-weekly02", Assert.Single(answer.ImageSet).ImageId);
    }

    [Fact]
    public async Task ImagesComeBackWithTheirTagsAsKeyValuePairs()
    {
        await using var emulator = await TestEmulator.StartAsync(TaggedCatalog());

        var answer = await emulator.RawCvm.SendAsync(new RawCvmRequest
        {
            Action = "DescribeImages",
            Body = """{"Filters":[{"Name":"tag:backup","Values":["weekly"]}],"Limit":1}""",
        });

        Assert.Equal(2, answer["TotalCount"]!.GetValue<int>());
        Assert.Equal("""[{"Key":"backup","Value":"weekly"},{"Key":"team","Value":"web"}]""", answer["ImageSet"]![0]!["Tags"]!.ToJsonString());
    }

    private static JsonArray TaggedCatalog()
    {
        static JsonObject Tagged(string imageId, params (string Key, string Value)[] tags)
        {
            var image = Some.Image(imageId);
            image["Tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
            return image;
        }

        return Some.Catalog(
            Tagged("img-weekly01", ("backup", "weekly"), ("team", "web")),
            Tagged("img-untagged"),
            Tagged("img-weekly02", ("backup", "weekly")),
            Tagged("img-daily001", ("backup", "daily")),
            Tagged("img-otherkey", ("cadence", "weekly")));
    }
}
