using ImageExport.TencentCloud.Api;

namespace ImageExport.Core.Rules;

/// <summary>Turns CVM's ExportImages error codes (tencent-cloud-api.md §1) into problems a user can act on.</summary>
internal static class CvmRejections
{
    public const string LimitExceeded = "LimitExceeded.ExportImageTaskLimitExceeded";
    public const string ImageBusy = "InvalidParameterValue.InvalidImageState";

    /// <summary>The problem this rejection means, or null when it is not about the request (limits, throttling, outages).</summary>
    public static Problem? ToProblem(TencentCloudException error, string imageId, string bucket)
    {
        Problem ForImage(string code, string message) => new() { ImageId = imageId, Code = code, Message = message, CvmCode = error.Code };
        Problem ForBucket(string code, string message) => new() { Bucket = bucket, Code = code, Message = message, CvmCode = error.Code };

        return error.Code switch
        {
            "InvalidParameterValue.InvalidBucketPermissionForExport" =>
                ForBucket(ProblemCodes.BucketPermissionDenied, $"the exporting role may not write to {bucket}: grant it COS write permission on the bucket"),
            "AuthFailure.CamRoleNameAuthenticateFailed" =>
                ForBucket(ProblemCodes.BucketPermissionDenied, $"CVM could not assume the exporting role to write {bucket}: check that the role exists and trusts CVM"),
            "InvalidParameterValue.BucketNotFound" =>
                ForBucket(ProblemCodes.BucketNotFound, $"CVM cannot find bucket {bucket}"),
            "InvalidImageId.NotFound" or "InvalidImageId.Malformed" =>
                ForImage(ProblemCodes.ImageNotFound, $"CVM does not know image {imageId}"),
            "UnsupportedOperation.WindowsImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageWindows, $"{imageId} is a Windows image; Windows images cannot be exported"),
            "UnsupportedOperation.ImageTooLargeExportUnsupported" or "InvalidParameterValue.TooLarge" =>
                ForImage(ProblemCodes.ImageDiskTooLarge, $"{imageId} is too large to export"),
            "UnsupportedOperation.PublicImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageNotCustom, $"{imageId} is a public or marketplace image; only custom images can be exported"),
            "UnsupportedOperation.SharedImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageNotCustom, $"{imageId} is shared with this account; only the owner's custom images can be exported"),
            "UnsupportedOperation.MarketImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageMarketplace, $"{imageId} was created from a marketplace image; such images cannot be exported"),
            "UnsupportedOperation.EncryptedImagesNotSupported" =>
                ForImage(ProblemCodes.ImageEncrypted, $"{imageId} is encrypted; encrypted images cannot be exported"),
            "UnsupportedOperation.RedHatImageExportUnsupported" =>
                ForImage(ProblemCodes.ImageRedHat, $"{imageId} is a Red Hat image; Red Hat images cannot be exported"),
            "InvalidParameterValue.InvalidImageOsName" =>
                ForImage(ProblemCodes.ImageOsNotSupported, $"exporting {imageId}'s operating system is not supported in this region"),
            ImageBusy =>
                ForImage(ProblemCodes.ImageBusy, $"{imageId} is busy with another operation (perhaps another export); retry later"),
            "InvalidParameterValue.InvalidImageId" =>
                ForImage(ProblemCodes.ImageRejected, $"CVM does not allow exporting {imageId}: {error.ErrorMessage}"),
            _ when error is TencentCloudOutcomeUnknownException => null,
            _ when error.Code.StartsWith("LimitExceeded", StringComparison.Ordinal) || error.Code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal) => null,
            _ when error.Code.StartsWith("InternalError", StringComparison.Ordinal) || error.Code.StartsWith("ResourceUnavailable", StringComparison.Ordinal) => null,
            _ when error.Code.StartsWith("UnsupportedOperation", StringComparison.Ordinal) || error.Code.StartsWith("InvalidParameter", StringComparison.Ordinal) =>
                ForImage(ProblemCodes.ImageRejected, $"CVM refuses to export {imageId}: {error.ErrorMessage}"),
            _ => null,
        };
    }
}
