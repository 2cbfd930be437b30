using ImageExport.TencentCloud.Paging;

namespace ImageExport.TencentCloud.Tests.Paging;

public sealed class PagerTests
{
    // Pages of two from 0..count-1; the cursor is the next offset.
    private static Func<int, CancellationToken, Task<Page<int, int>>> Numbers(int count, List<int> asked) => (offset, _) =>
    {
        asked.Add(offset);
        var items = Enumerable.Range(offset, Math.Max(0, Math.Min(2, count - offset))).ToList();
        return Task.FromResult(new Page<int, int>(items, offset + items.Count < count, offset + items.Count));
    };

    [Fact]
    public async Task PagesAreFollowedFromTheFirstCursorToTheLastPage()
    {
        var asked = new List<int>();

        var listed = await Pager.CollectAsync(Numbers(5, asked), maxPages: 10, CancellationToken.None);

        Assert.Equal([0, 1, 2, 3, 4], listed.Items);
        Assert.True(listed.Complete);
        Assert.Equal([0, 2, 4], asked);
    }

    [Fact]
    public async Task TheListingStopsAtThePageLimitAndSaysItIsIncomplete()
    {
        var asked = new List<int>();

        var listed = await Pager.CollectAsync(Numbers(100, asked), maxPages: 3, CancellationToken.None);

        Assert.Equal([0, 1, 2, 3, 4, 5], listed.Items);
        Assert.False(listed.Complete);
        Assert.Equal(3, asked.Count);
    }

    [Fact]
    public async Task ACursorThatDoesNotMoveEndsTheListingIncompleteInsteadOfRepeatingIt()
    {
        var calls = 0;

        var listed = await Pager.CollectAsync<string, string>((marker, _) =>
        {
            calls++;
            return Task.FromResult(new Page<string, string>([marker ?? "first"], More: true, Next: "stuck"));
        }, maxPages: 100, CancellationToken.None);

        Assert.Equal(["first", "stuck"], listed.Items);
        Assert.Equal(2, calls);
        Assert.False(listed.Complete);
    }
}
