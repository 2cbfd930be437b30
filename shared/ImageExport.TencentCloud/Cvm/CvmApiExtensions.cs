namespace ImageExport.TencentCloud.Cvm;

/// <summary>Whole-result queries built on single DescribeImages calls, so they work over any <see cref="ICvmApi"/> (fakes too).</summary>
public static class CvmApiExtensions
{
    /// <summary>DescribeImages' documented maximum page size.</summary>
    public const int MaxLimit = 100;

    // A catalogue changing under the paging could otherwise keep it going; 1000 pages is 100 000 images.
    private const int MaxPages = 1000;

    /// <summary>
    /// The images with these IDs (duplicates asked once), in batches of at most 100. IDs that do not exist are simply
    /// absent from the result.
    /// </summary>
    public static async Task<IReadOnlyList<CvmImage>> DescribeImagesByIdsAsync(this ICvmApi cvm, IEnumerable<string> imageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cvm);
        ArgumentNullException.ThrowIfNull(imageIds);

        var images = new List<CvmImage>();
        foreach (var batch in imageIds.Distinct(StringComparer.Ordinal).Chunk(MaxLimit))
        {
            // Limit must be given: the default page is 20 even when more IDs are asked for.
            var page = await cvm.DescribeImagesAsync(
                new DescribeImagesRequest { ImageIds = batch, Offset = 0, Limit = MaxLimit }, cancellationToken).ConfigureAwait(false);
            images.AddRange(page.ImageSet);
        }

        return images;
    }

    /// <summary>Every image matching <paramref name="filters"/>, following Offset/Limit pages of 100 until TotalCount.</summary>
    public static async Task<IReadOnlyList<CvmImage>> ListImagesAsync(this ICvmApi cvm, IReadOnlyList<CvmFilter> filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cvm);
        ArgumentNullException.ThrowIfNull(filters);

        var images = new List<CvmImage>();
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await cvm.DescribeImagesAsync(
                new DescribeImagesRequest { Filters = filters.Count == 0 ? null : filters, Offset = (ulong)images.Count, Limit = MaxLimit },
                cancellationToken).ConfigureAwait(false);
            images.AddRange(response.ImageSet);
            if (response.ImageSet.Count == 0 || images.Count >= response.TotalCount)
            {
                break;
            }
        }

        return images;
    }
}
