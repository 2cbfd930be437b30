using System.Text.Json.Nodes;

namespace ImageExport.Local.Tests.Emulator.Support;

/// <summary>Catalog images for tests: a custom Linux image unless told otherwise.</summary>
internal static class Some
{
    public static JsonObject Image(
        string imageId,
        long systemGib = 20,
        long[]? dataGib = null,
        string type = "PRIVATE_IMAGE",
        string state = "NORMAL",
        string platform = "CentOS",
        string osName = "CentOS 7.9 64位",
        string? name = null,
        JsonObject? hints = null)
    {
        var snapshots = new JsonArray { Snapshot($"snap-{imageId[4..]}", "SYSTEM_DISK", systemGib) };
        var index = 0;
        foreach (var size in dataGib ?? [])
        {
            snapshots.Add(Snapshot($"snap-{imageId[4..11]}{index++}", "DATA_DISK", size));
        }

        var image = new JsonObject
        {
            ["ImageId"] = imageId,
            ["ImageName"] = name ?? $"image {imageId}",
            ["OsName"] = osName,
            ["Platform"] = platform,
            ["ImageType"] = type,
            ["ImageState"] = state,
            ["ImageSize"] = systemGib,
            ["Architecture"] = "x86_64",
            ["CreatedTime"] = "2026-09-01T08:00:00Z",
            ["SnapshotSet"] = snapshots,
            ["Tags"] = new JsonArray(),
        };
        if (hints is not null)
        {
            image["Emulator"] = hints;
        }

        return image;
    }

    public static JsonArray Catalog(params JsonObject[] images) => [.. images];

    private static JsonObject Snapshot(string id, string usage, long size) =>
        new() { ["SnapshotId"] = id, ["DiskUsage"] = usage, ["DiskSize"] = size };
}
