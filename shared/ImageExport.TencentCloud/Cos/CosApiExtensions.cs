using ImageExport.TencentCloud.Paging;

namespace ImageExport.TencentCloud.Cos;

/// <summary>Whole-listing queries built on single GET Bucket calls, so they work over any <see cref="ICosApi"/>.</summary>
public static class CosApiExtensions
{
    /// <summary>
    /// Every object under <paramref name="prefix"/>, in key order, following the markers page by page (1000 keys a
    /// page) for at most <paramref name="maxPages"/> pages. A truncated page without NextMarker goes on after its
    /// last key, as <see cref="CosClient"/> reads its answers; fakes of <see cref="ICosApi"/> may leave it out.
    /// </summary>
    public static Task<Paged<CosObjectInfo>> ListAllObjectsAsync(this ICosApi cos, string bucket, string? prefix, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cos);
        return Pager.CollectAsync<CosObjectInfo, string>(async (marker, token) =>
        {
            var listing = await cos.ListObjectsAsync(bucket, prefix, marker, CosClient.MaxKeysLimit, token).ConfigureAwait(false);
            var next = string.IsNullOrEmpty(listing.NextMarker) ? listing.Objects.LastOrDefault()?.Key : listing.NextMarker;
            return new Page<CosObjectInfo, string>(listing.Objects, listing.IsTruncated && next is not null, next!);
        }, maxPages, cancellationToken);
    }
}
