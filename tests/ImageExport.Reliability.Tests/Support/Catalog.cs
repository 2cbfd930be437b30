using System.Globalization;
using System.Text.Json.Nodes;

namespace ImageExport.Reliability.Tests.Support;

/// <summary>Many exportable Linux images, so every export in a suite has its own image and duplicates can be counted per image.</summary>
internal static class Catalog
{
    public static string ImageId(int i) => "img-r" + i.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>The tag schedules pick images by; the first <c>tagged</c> images of a catalog carry it.</summary>
    public static readonly KeyValuePair<string, string> ScheduleTag = new("backup", "weekly");

    /// <summary>
    /// Writes <paramref name="count"/> images (a 10 GiB system disk, every 4th also a 5 GiB data disk) to a file; the first
    /// <paramref name="tagged"/> carry <see cref="ScheduleTag"/>.
    /// </summary>
    public static string Write(string directory, int count, int tagged = 0)
    {
        var images = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var id = ImageId(i);
            var snapshots = new JsonArray
            {
                new JsonObject { ["SnapshotId"] = "snap-s" + id[5..], ["DiskUsage"] = "SYSTEM_DISK", ["DiskSize"] = 10 },
            };
            if (i % 4 == 3)
            {
                snapshots.Add(new JsonObject { ["SnapshotId"] = "snap-d" + id[5..], ["DiskUsage"] = "DATA_DISK", ["DiskSize"] = 5 });
            }

            images.Add(new JsonObject
            {
                ["ImageId"] = id,
                ["ImageName"] = "reliability-" + i.ToString(CultureInfo.InvariantCulture),
                ["OsName"] = "Ubuntu Server 22.04 LTS 64位",
                ["Platform"] = "Ubuntu",
                ["Architecture"] = "x86_64",
                ["ImageType"] = "PRIVATE_IMAGE",
                ["ImageState"] = "NORMAL",
                ["ImageSource"] = "CREATE_IMAGE",
                ["CreatedTime"] = "2026-10-12T02:30:00Z",
                ["ImageSize"] = 10,
                ["SyncPercent"] = 100,
                ["IsSupportCloudinit"] = true,
                ["LicenseType"] = "TencentCloud",
                ["SnapshotSet"] = snapshots,
                ["Tags"] = i < tagged ? new JsonArray(new JsonObject { ["Key"] = ScheduleTag.Key, ["Value"] = ScheduleTag.Value }) : new JsonArray(),
            });
        }

        var path = Path.Combine(directory, "images.json");
        File.WriteAllText(path, images.ToJsonString());
        return path;
    }
}
