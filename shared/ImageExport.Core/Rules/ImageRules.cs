using ImageExport.Core.Jobs;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Rules;

/// <summary>The export guide's rules that DescribeImages alone can decide (tencent-cloud-api.md §1 "Documented limits").</summary>
internal static class ImageRules
{
    public const long MaxDiskGiB = 500;
    public const int MaxDataDisks = 5;

    public static IReadOnlyList<Problem> Check(CvmImage image, bool onlyRootDisk)
    {
        var problems = new List<Problem>();
        void Add(string code, string message) => problems.Add(new Problem { ImageId = image.ImageId, Code = code, Message = message });

        if (!string.Equals(image.ImageType, "PRIVATE_IMAGE", StringComparison.OrdinalIgnoreCase))
        {
            var kind = image.ImageType switch
            {
                "PUBLIC_IMAGE" => "a public image",
                "SHARED_IMAGE" => "a shared image",
                _ => $"of type {image.ImageType ?? "unknown"}",
            };
            Add(ProblemCodes.ImageNotCustom, $"{image.ImageId} is {kind}; only custom images (PRIVATE_IMAGE) can be exported");
        }
        if (!string.Equals(image.ImageState, "NORMAL", StringComparison.OrdinalIgnoreCase))
        {
            Add(ProblemCodes.ImageNotReady, $"{image.ImageId} is {image.ImageState ?? "in an unknown state"}; it must be NORMAL");
        }
        if (IsWindows(image))
        {
            Add(ProblemCodes.ImageWindows, $"{image.ImageId} is a Windows image ({image.OsName ?? image.Platform}); Windows custom images cannot be exported");
        }
        var tooLarge = Disks(image).Where(d => d.SizeGiB > MaxDiskGiB).ToList();
        if (tooLarge.Count > 0)
        {
            Add(ProblemCodes.ImageDiskTooLarge,
                $"{image.ImageId} has a disk over {MaxDiskGiB} GiB ({string.Join(", ", tooLarge.Select(d => $"{d.SnapshotId}: {d.SizeGiB} GiB"))})");
        }
        var dataDisks = Disks(image).Count(d => d.Usage == "DATA_DISK");
        if (!onlyRootDisk && dataDisks > MaxDataDisks)
        {
            Add(ProblemCodes.ImageTooManyDataDisks,
                $"{image.ImageId} has {dataDisks} data disks; a whole-image export allows at most {MaxDataDisks} (export only the system disk with onlyRootDisk)");
        }
        return problems;
    }

    public static bool IsWindows(CvmImage image) =>
        (image.Platform?.Contains("windows", StringComparison.OrdinalIgnoreCase) ?? false) ||
        (image.OsName?.Contains("windows", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>The image's disks; an image listing no snapshot is taken as one system disk of ImageSize.</summary>
    public static IReadOnlyList<DiskRecord> Disks(CvmImage image) =>
        image.SnapshotSet.Count == 0
            ? [new DiskRecord { SnapshotId = "unknown", Usage = "SYSTEM_DISK", SizeGiB = image.ImageSize }]
            : image.SnapshotSet.Select(s => new DiskRecord
            {
                SnapshotId = s.SnapshotId,
                Usage = string.Equals(s.DiskUsage, "DATA_DISK", StringComparison.OrdinalIgnoreCase) ? "DATA_DISK" : "SYSTEM_DISK",
                SizeGiB = s.DiskSize,
            }).ToList();

    /// <summary>The disks an export writes: the system disk, and the data disks unless only the root disk is asked for.</summary>
    public static IReadOnlyList<DiskRecord> ExportedDisks(CvmImage image, bool onlyRootDisk) =>
        Disks(image).Where(d => !onlyRootDisk || d.Usage == "SYSTEM_DISK").ToList();
}
