using System.Text.Json.Nodes;
using ImageExport.Local.Emulator.Cos;

namespace ImageExport.Local.Emulator.Cvm;

/// <summary>
/// ExportImages (2017-03-12): every documented check, in this order: parameters, images exist, bucket, role,
/// per-image rules, then (in <see cref="ExportTasks"/>) image busy, DryRun, running-export limit.
/// </summary>
internal sealed class ExportImagesAction(
    ImageCatalog catalog, CosStorage buckets, ExportTasks tasks, EmulatorCounters counters, EmulatorOptions options)
{
    public const long MaxDiskGib = 500;
    public const int MaxDataDisks = 5;

    private static readonly string[] Formats = ["RAW", "QCOW2", "VHD", "VMDK"];

    public JsonObject Execute(CvmParameters parameters)
    {
        parameters.AllowOnly("BucketName", "ImageIds", "SnapshotIds", "ExportFormat", "FileNamePrefixList", "OnlyExportRootDisk", "DryRun", "RoleName");
        var bucketName = parameters.String("BucketName");
        var imageIds = parameters.StringArray("ImageIds") ?? [];
        var snapshotIds = parameters.StringArray("SnapshotIds") ?? [];
        var format = parameters.String("ExportFormat") ?? "RAW";
        var prefixes = parameters.StringArray("FileNamePrefixList");
        var onlyRootDisk = parameters.Bool("OnlyExportRootDisk") ?? false;
        var dryRun = parameters.Bool("DryRun") ?? false;
        var roleName = parameters.String("RoleName") ?? EmulatorOptions.DefaultRole;
        foreach (var id in imageIds.Distinct())
        {
            counters.ExportRequested(id);
        }

        if (string.IsNullOrEmpty(bucketName))
        {
            throw new CvmApiException("MissingParameter", "The request is missing a required parameter `BucketName`.");
        }

        var hasImages = imageIds.Count > 0;
        if (hasImages == snapshotIds.Count > 0)
        {
            throw new CvmApiException("InvalidParameter.ImageIdsSnapshotIdsMustOne", "Exactly one of ImageIds and SnapshotIds must be given.");
        }

        if (snapshotIds.Count > 0)
        {
            throw new CvmApiException("InvalidParameter.SnapshotNotFound", "Exporting by SnapshotIds is not open to the public.");
        }

        if (prefixes is not null && prefixes.Count != imageIds.Count)
        {
            throw new CvmApiException("InvalidParameterValue.InvalidFileNamePrefixList", "The length of FileNamePrefixList does not match ImageIds.");
        }

        if (!Formats.Contains(format.ToUpperInvariant()))
        {
            throw new CvmApiException("InvalidParameterValue", $"ExportFormat must be one of RAW, QCOW2, VHD, VMDK; got `{format}`.");
        }

        var images = FindImages(imageIds);
        CheckBucket(bucketName, roleName);
        var plan = new List<PlannedImage>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            CheckImage(images[i], onlyRootDisk);
            plan.Add(ExportNamer.Plan(options.ExportNaming, images[i], prefixes?[i], format, onlyRootDisk));
        }

        var taskId = tasks.Start(bucketName, plan, dryRun);
        var cosPaths = new JsonArray();
        foreach (var file in plan.SelectMany(p => p.Files))
        {
            cosPaths.Add("/" + file.Key);
        }

        return new JsonObject { ["TaskId"] = taskId, ["CosPaths"] = cosPaths };
    }

    private List<CatalogImage> FindImages(IReadOnlyList<string> imageIds)
    {
        var images = new List<CatalogImage>(imageIds.Count);
        foreach (var id in imageIds)
        {
            if (!ImageIds.IsWellFormed(id))
            {
                throw ImageIds.Malformed(id);
            }

            if (images.Any(i => i.ImageId == id))
            {
                throw new CvmApiException("InvalidParameterValue", $"ImageIds lists {id} more than once.");
            }

            images.Add(catalog.Find(id) ?? throw new CvmApiException("InvalidImageId.NotFound", $"The image {id} does not exist."));
        }

        return images;
    }

    private void CheckBucket(string bucketName, string roleName)
    {
        var (_, appId) = CosEventFactory.SplitBucketName(bucketName, "");
        if (appId != options.AppId)
        {
            throw new CvmApiException("InvalidParameterValue.InvalidAppIdFormat", $"The bucket name must end with this account's APPID: <name>-{options.AppId}.");
        }

        // CVM looks the bucket up in the image's region, so a bucket elsewhere is as good as missing.
        var bucket = buckets.FindBucket(bucketName);
        if (bucket is null || bucket.Settings.Region != options.Region)
        {
            throw new CvmApiException("InvalidParameterValue.BucketNotFound", $"The bucket {bucketName} does not exist in {options.Region}.");
        }

        if (!options.Roles.Contains(roleName, StringComparer.Ordinal))
        {
            throw new CvmApiException("AuthFailure.CamRoleNameAuthenticateFailed", $"The role {roleName} does not exist or may not be used.");
        }

        if (!bucket.Settings.WriterRoles.Contains(roleName, StringComparer.Ordinal))
        {
            throw new CvmApiException("InvalidParameterValue.InvalidBucketPermissionForExport", $"The role {roleName} is not allowed to write to {bucketName}.");
        }
    }

    private static void CheckImage(CatalogImage image, bool onlyRootDisk)
    {
        var id = image.ImageId;
        if (image.ImageType == "PUBLIC_IMAGE")
        {
            throw new CvmApiException("UnsupportedOperation.PublicImageExportUnsupported", $"{id} is a public or marketplace image and cannot be exported.");
        }

        if (image.ImageType == "SHARED_IMAGE")
        {
            throw new CvmApiException("UnsupportedOperation.SharedImageExportUnsupported", $"{id} is a shared image and cannot be exported.");
        }

        if (image.MarketImage)
        {
            throw new CvmApiException("UnsupportedOperation.MarketImageExportUnsupported", $"{id} was created from a marketplace image and cannot be exported.");
        }

        if (image.Encrypted)
        {
            throw new CvmApiException("UnsupportedOperation.EncryptedImagesNotSupported", $"{id} is encrypted and cannot be exported.");
        }

        if (image.IsWindows)
        {
            throw new CvmApiException("UnsupportedOperation.WindowsImageExportUnsupported", $"{id} is a Windows image and cannot be exported.");
        }

        if (image.IsRedHat)
        {
            throw new CvmApiException("UnsupportedOperation.RedHatImageExportUnsupported", $"{id} is a RedHat image and cannot be exported.");
        }

        var exported = onlyRootDisk ? image.Disks.Where(d => d.IsSystem).Take(1) : image.Disks;
        if (exported.Any(d => d.SizeGib > MaxDiskGib))
        {
            throw new CvmApiException("UnsupportedOperation.ImageTooLargeExportUnsupported", $"{id} has a disk over {MaxDiskGib} GiB and cannot be exported.");
        }

        // Tencent documents the rule but no code for it; LimitExceeded is the closest documented one.
        if (!onlyRootDisk && image.Disks.Count(d => !d.IsSystem) > MaxDataDisks)
        {
            throw new CvmApiException("InvalidParameterValue.LimitExceeded", $"{id} has more than {MaxDataDisks} data disks; export the system disk only (OnlyExportRootDisk).");
        }

        // A catalog image without ImageState counts as NORMAL, so hand-written catalogs can stay short.
        if (image.ImageState is not null and not "NORMAL")
        {
            throw new CvmApiException("InvalidParameterValue.InvalidImageState", $"{id} is {image.ImageState}, not NORMAL.");
        }
    }
}
