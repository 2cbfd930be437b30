using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Tests.Support;

/// <summary>Test images, each valid unless the factory says otherwise.</summary>
internal static class Some
{
    public static CvmImage LinuxImage(string id = "img-linux001", long systemGiB = 20, int dataDisks = 0, long dataGiB = 10) => new()
    {
        ImageId = id,
        ImageName = "web-" + id[4..],
        OsName = "TencentOS Server 3.1",
        Platform = "TencentOS",
        ImageType = "PRIVATE_IMAGE",
        ImageState = "NORMAL",
        ImageSize = systemGiB,
        SnapshotSet =
        [
            new CvmSnapshot { SnapshotId = "snap-" + id[4..] + "s", DiskUsage = "SYSTEM_DISK", DiskSize = systemGiB },
            .. Enumerable.Range(1, dataDisks).Select(n => new CvmSnapshot { SnapshotId = $"snap-{id[4..]}d{n}", DiskUsage = "DATA_DISK", DiskSize = dataGiB }),
        ],
    };

    public static CvmImage WindowsImage(string id = "img-windows1") => LinuxImage(id) with { OsName = "Windows Server 2019 数据中心版 64位中文版", Platform = "Windows" };

    public static CvmImage PublicImage(string id = "img-public01") => LinuxImage(id) with { ImageType = "PUBLIC_IMAGE" };

    public static CvmImage CreatingImage(string id = "img-creating") => LinuxImage(id) with { ImageState = "CREATING" };
}
