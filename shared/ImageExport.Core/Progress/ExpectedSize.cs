using ImageExport.Core.Jobs;

namespace ImageExport.Core.Progress;

/// <summary>
/// How large an exported file will be, where that is knowable before it lands: a RAW image is the disk byte for byte;
/// a fixed VHD is the disk plus its 512-byte footer (Microsoft's Virtual Hard Disk Image Format Specification,
/// "Hard Disk Footer Format"; that CVM writes fixed, not dynamic, VHDs is a guess, listed in local/README.md).
/// QCOW2 and VMDK are sparse: their size depends on the data, so none is predicted.
/// </summary>
internal static class ExpectedSize
{
    private const long VhdFooterBytes = 512;

    public static long? Of(string format, long diskGiB) => format.ToLowerInvariant() switch
    {
        "raw" => diskGiB << 30,
        "vhd" => (diskGiB << 30) + VhdFooterBytes,
        _ => null,
    };

    /// <summary>The disk a file was written from: its snapshot ID is in the key; else by position when the counts agree.</summary>
    public static long? ForFile(JobRecord job, ImageRecord image, string key)
    {
        var disk = image.Disks.FirstOrDefault(d => key.Contains("_" + d.SnapshotId + ".", StringComparison.Ordinal));
        if (disk is null && image.Disks.Count == image.Files.Count)
        {
            var index = image.Files.Select(f => f.Key).ToList().IndexOf(key);
            disk = index >= 0 ? image.Disks.OrderBy(d => d.Usage == "SYSTEM_DISK" ? 0 : 1).ElementAt(index) : null;
        }
        return disk is null ? null : Of(job.Format, disk.SizeGiB);
    }
}
