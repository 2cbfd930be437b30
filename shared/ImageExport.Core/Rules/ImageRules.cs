using System.Globalization;
using ImageExport.Core.Jobs;
using ImageExport.Core.Texts;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Rules;

/// <summary>The export guide's rules that DescribeImages alone can decide (docs/reference/cvm-cos-api.md §1.3).</summary>
internal static class ImageRules
{
    public const long MaxDiskGiB = 500;
    public const int MaxDataDisks = 5;

    public static IReadOnlyList<Problem> Check(CvmImage image, bool onlyRootDisk)
    {
        var problems = new List<Problem>();
        var id = ("imageId", image.ImageId);
        void Add(string code, string key, params (string Name, string Value)[] args) =>
            problems.Add(Problem.ForImage(image.ImageId, code, LocalText.Of(key, [id, .. args])));

        if (!string.Equals(image.ImageType, "PRIVATE_IMAGE", StringComparison.OrdinalIgnoreCase))
        {
            switch (image.ImageType)
            {
                case "PUBLIC_IMAGE":
                    Add(ProblemCodes.ImageNotCustom, "problem.image.public");
                    break;
                case "SHARED_IMAGE":
                    Add(ProblemCodes.ImageNotCustom, "problem.image.shared");
                    break;
                default:
                    Add(ProblemCodes.ImageNotCustom, "problem.image.otherType", ("type", image.ImageType ?? "unknown"));
                    break;
            }
        }
        if (!string.Equals(image.ImageState, "NORMAL", StringComparison.OrdinalIgnoreCase))
        {
            if (image.ImageState is { } state)
            {
                Add(ProblemCodes.ImageNotReady, "problem.image.notReady", ("state", state));
            }
            else
            {
                Add(ProblemCodes.ImageNotReady, "problem.image.stateUnknown");
            }
        }
        if (IsWindows(image))
        {
            Add(ProblemCodes.ImageWindows, "problem.image.windows", ("os", image.OsName ?? image.Platform ?? "Windows"));
        }
        var tooLarge = Disks(image).Where(d => d.SizeGiB > MaxDiskGiB).ToList();
        if (tooLarge.Count > 0)
        {
            Add(ProblemCodes.ImageDiskTooLarge, "problem.image.diskTooLarge",
                ("max", MaxDiskGiB.ToString(CultureInfo.InvariantCulture)),
                ("disks", string.Join(", ", tooLarge.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.SnapshotId}: {d.SizeGiB} GiB")))));
        }
        var dataDisks = Disks(image).Count(d => d.Usage == "DATA_DISK");
        if (!onlyRootDisk && dataDisks > MaxDataDisks)
        {
            Add(ProblemCodes.ImageTooManyDataDisks, "problem.image.tooManyDataDisks",
                ("count", dataDisks.ToString(CultureInfo.InvariantCulture)), ("max", MaxDataDisks.ToString(CultureInfo.InvariantCulture)));
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
