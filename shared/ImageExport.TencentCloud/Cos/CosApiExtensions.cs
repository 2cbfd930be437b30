namespace ImageExport.TencentCloud.Cos;

/// <summary>Whole-listing queries built on single GET Bucket calls, so they work over any <see cref="ICosApi"/>.</summary>
public static class CosApiExtensions
{
    // 1000 pages of 1000 keys; a listing that never ends is a bug, not a bucket.
    private const int MaxPages = 1000;

    /// <summary>Every object under <paramref name="prefix"/>, following the markers page by page.</summary>
    public static async Task<IReadOnlyList<CosObjectInfo>> ListAllObjectsAsync(this ICosApi cos, string bucket, string? prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cos);
        var objects = new List<CosObjectInfo>();
        string? marker = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var listing = await cos.ListObjectsAsync(bucket, prefix, marker, CosClient.MaxKeysLimit, cancellationToken).ConfigureAwait(false);
            objects.AddRange(listing.Objects);
            if (!listing.IsTruncated || string.IsNullOrEmpty(listing.NextMarker) || listing.NextMarker == marker)
            {
                break;
            }

            marker = listing.NextMarker;
        }

        return objects;
    }
}
