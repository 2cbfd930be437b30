using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Paging;

namespace ImageExport.TencentCloud.Cvm;

/// <summary>Whole-result queries built on single DescribeImages calls, so they work over any <see cref="ICvmApi"/> (fakes too).</summary>
public static class CvmApiExtensions
{
    /// <summary>DescribeImages' documented maximum page size.</summary>
    public const int MaxLimit = 100;

    /// <summary>
    /// The images with these IDs (duplicates asked once), in batches of at most 100. IDs that do not exist are simply
    /// absent from the result: one unknown or malformed ID can fail its whole batch (InvalidImageId.NotFound /
    /// .Malformed), and then the batch is asked one ID at a time so the others are still found.
    /// </summary>
    public static async Task<IReadOnlyList<CvmImage>> DescribeImagesByIdsAsync(this ICvmApi cvm, IEnumerable<string> imageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cvm);
        ArgumentNullException.ThrowIfNull(imageIds);

        var images = new List<CvmImage>();
        foreach (var batch in imageIds.Distinct(StringComparer.Ordinal).Chunk(MaxLimit))
        {
            try
            {
                // Limit must be given: the default page is 20 even when more IDs are asked for.
                var page = await cvm.DescribeImagesAsync(
                    new DescribeImagesRequest { ImageIds = batch, Offset = 0, Limit = MaxLimit }, cancellationToken).ConfigureAwait(false);
                images.AddRange(page.ImageSet);
            }
            catch (TencentCloudException e) when (IsUnknownImage(e) && batch.Length > 1)
            {
                foreach (var id in batch)
                {
                    try
                    {
                        var single = await cvm.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [id], Limit = 1 }, cancellationToken).ConfigureAwait(false);
                        images.AddRange(single.ImageSet);
                    }
                    catch (TencentCloudException inner) when (IsUnknownImage(inner))
                    {
                    }
                }
            }
            catch (TencentCloudException e) when (IsUnknownImage(e))
            {
            }
        }

        return images;
    }

    /// <summary>
    /// Every image matching <paramref name="filters"/>, following Offset/Limit pages of 100 until TotalCount or an
    /// empty page, for at most <paramref name="maxPages"/> pages.
    /// </summary>
    public static Task<Paged<CvmImage>> ListImagesAsync(this ICvmApi cvm, IReadOnlyList<CvmFilter> filters, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cvm);
        ArgumentNullException.ThrowIfNull(filters);

        return Pager.CollectAsync<CvmImage, ulong>(async (offset, token) =>
        {
            var response = await cvm.DescribeImagesAsync(
                new DescribeImagesRequest { Filters = filters.Count == 0 ? null : filters, Offset = offset, Limit = MaxLimit }, token).ConfigureAwait(false);
            var next = offset + (ulong)response.ImageSet.Count;
            return new Page<CvmImage, ulong>(response.ImageSet, response.ImageSet.Count > 0 && next < (ulong)response.TotalCount, next);
        }, maxPages, cancellationToken);
    }

    private static bool IsUnknownImage(TencentCloudException e) => e.Code is "InvalidImageId.NotFound" or "InvalidImageId.Malformed";
}
