using ImageExport.Core.Jobs;
using ImageExport.Core.Texts;
using ImageExport.TencentCloud.Api;

namespace ImageExport.Core.Rules;

/// <summary>Turns CVM's ExportImages error codes (docs/reference/cvm-cos-api.md §1.4) into problems a user can act on.</summary>
internal static class CvmRejections
{
    public const string LimitExceeded = "LimitExceeded.ExportImageTaskLimitExceeded";
    public const string ImageBusy = "InvalidParameterValue.InvalidImageState";

    /// <summary>The problem this rejection means, or null when it is not about the request (limits, throttling, outages).</summary>
    public static Problem? ToProblem(TencentCloudException error, string imageId, string bucket)
    {
        Problem ForImage(string code, string key) =>
            Problem.ForImage(imageId, code, LocalText.Of(key, ("imageId", imageId), ("message", error.ErrorMessage)), error.Code);
        Problem ForBucket(string code, string key) =>
            Problem.ForBucket(bucket, code, LocalText.Of(key, ("bucket", bucket)), error.Code);

        return error.Code switch
        {
            "InvalidParameterValue.InvalidBucketPermissionForExport" =>
                ForBucket(ProblemCodes.BucketPermissionDenied, "problem.cvm.bucketPermission"),
            "AuthFailure.CamRoleNameAuthenticateFailed" =>
                ForBucket(ProblemCodes.BucketPermissionDenied, "problem.cvm.roleAuth"),
            "InvalidParameterValue.BucketNotFound" =>
                ForBucket(ProblemCodes.BucketNotFound, "problem.cvm.bucketNotFound"),
            "InvalidImageId.NotFound" or "InvalidImageId.Malformed" =>
                ForImage(ProblemCodes.ImageNotFound, "problem.cvm.imageNotFound"),
            "UnsupportedOperation.WindowsImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageWindows, "problem.cvm.windows"),
            "UnsupportedOperation.ImageTooLargeExportUnsupported" or "InvalidParameterValue.TooLarge" =>
                ForImage(ProblemCodes.ImageDiskTooLarge, "problem.cvm.tooLarge"),
            "UnsupportedOperation.PublicImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageNotCustom, "problem.cvm.public"),
            "UnsupportedOperation.SharedImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageNotCustom, "problem.cvm.shared"),
            "UnsupportedOperation.MarketImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageMarketplace, "problem.cvm.marketplace"),
            "UnsupportedOperation.EncryptedImagesNotSupported" =>
                ForImage(ProblemCodes.ImageEncrypted, "problem.cvm.encrypted"),
            "UnsupportedOperation.RedHatImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageRedHat, "problem.cvm.redHat"),
            "InvalidParameterValue.InvalidImageOsName" =>
                ForImage(ProblemCodes.ImageOsNotSupported, "problem.cvm.osNotSupported"),
            ImageBusy =>
                ForImage(ProblemCodes.ImageBusy, "problem.cvm.busy"),
            "InvalidParameterValue.InvalidImageId" =>
                ForImage(ProblemCodes.ImageRejected, "problem.cvm.notAllowed"),
            _ when error is TencentCloudOutcomeUnknownException => null,
            _ when error.Code.StartsWith("LimitExceeded", StringComparison.Ordinal) || error.Code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal) => null,
            _ when error.Code.StartsWith("InternalError", StringComparison.Ordinal) || error.Code.StartsWith("ResourceUnavailable", StringComparison.Ordinal) => null,
            _ when error.Code.StartsWith("UnsupportedOperation", StringComparison.Ordinal) || error.Code.StartsWith("InvalidParameter", StringComparison.Ordinal) =>
                ForImage(ProblemCodes.ImageRejected, "problem.cvm.refused"),
            _ => null,
        };
    }
}
