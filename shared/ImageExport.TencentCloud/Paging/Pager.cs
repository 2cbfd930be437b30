namespace ImageExport.TencentCloud.Paging;

/// <summary>One page of a listing and where the next one starts.</summary>
/// <param name="More">Whether the API says there is more after this page.</param>
/// <param name="Next">The cursor of the next page (a COS marker, a CVM offset); read only when <paramref name="More"/>.</param>
public readonly record struct Page<T, TCursor>(IReadOnlyList<T> Items, bool More, TCursor Next);

/// <summary>Everything a listing gave, and whether that is all of it or the page limit came first.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, bool Complete);

/// <summary>The one loop that follows a paged Tencent Cloud listing (COS markers, CVM offsets) page by page.</summary>
public static class Pager
{
    /// <summary>
    /// Fetches pages from the default cursor on until a page says there is no more (complete), or
    /// <paramref name="maxPages"/> pages were read, or a page's cursor does not move (a listing that would never end;
    /// both incomplete).
    /// </summary>
    public static async Task<Paged<T>> CollectAsync<T, TCursor>(
        Func<TCursor?, CancellationToken, Task<Page<T, TCursor>>> fetchPage, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        var items = new List<T>();
        TCursor? cursor = default;
        for (var read = 0; read < maxPages; read++)
        {
            var page = await fetchPage(cursor, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            if (!page.More)
            {
                return new Paged<T>(items, Complete: true);
            }

            if (EqualityComparer<TCursor?>.Default.Equals(page.Next, cursor))
            {
                break;
            }

            cursor = page.Next;
        }
        return new Paged<T>(items, Complete: false);
    }
}
