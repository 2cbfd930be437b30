namespace ImageExport.Core.Rules;

/// <summary>The codes of <see cref="Jobs.Problem"/>: stable identifiers clients match on.</summary>
internal static class ProblemCodes
{
    public const string ImageNotFound = "image.notFound";
    public const string ImageNotCustom = "image.notCustom";
    public const string ImageNotReady = "image.notReady";
    public const string ImageWindows = "image.windows";
    public const string ImageDiskTooLarge = "image.diskTooLarge";
    public const string ImageTooManyDataDisks = "image.tooManyDataDisks";
    public const string BucketNotFound = "bucket.notFound";
    public const string BucketRegionMismatch = "bucket.regionMismatch";
    public const string BucketPermissionDenied = "bucket.permissionDenied";

    // CVM rejections beyond the design's list.
    public const string ImageEncrypted = "image.encrypted";
    public const string ImageMarketplace = "image.marketplace";
    public const string ImageRedHat = "image.redHat";
    public const string ImageBusy = "image.busy";
    public const string ImageOsNotSupported = "image.osNotSupported";
    public const string ImageRejected = "image.rejected";
}
