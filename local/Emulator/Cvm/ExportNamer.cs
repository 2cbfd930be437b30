namespace ImageExport.Local.Emulator.Cvm;

/// <summary>One object an export writes: its key (no leading slash) and the size of the disk it holds.</summary>
internal sealed record PlannedFile(string Key, long SizeGib);

internal sealed record PlannedImage(string ImageId, IReadOnlyList<PlannedFile> Files);

/// <summary>The object names an export writes, and returns as <c>CosPaths</c>.</summary>
internal static class ExportNamer
{
    public static PlannedImage Plan(ExportNaming naming, CatalogImage image, string? prefix, string format, bool onlyRootDisk)
    {
        var extension = format.ToLowerInvariant();
        var disks = onlyRootDisk ? image.Disks.Where(d => d.IsSystem).Take(1) : image.Disks;
        var files = naming == ExportNaming.Api
            ? disks.Select(d => new PlannedFile($"{ApiStem(prefix, image.ImageId)}_{(d.IsSystem ? "system" : "data")}_{d.SnapshotId}.{extension}", d.SizeGib))
            : disks.Select((d, i) => new PlannedFile($"{(string.IsNullOrEmpty(prefix) ? image.ImageId : prefix)}_xvd{(char)('a' + i)}.{extension}", d.SizeGib));
        return new PlannedImage(image.ImageId, [.. files]);
    }

    // Documented: "<prefix>_<imageId>_system_<snap>.<format>", and the no-prefix example "/img-…_system_…raw": so
    // without a prefix the name starts with the image ID, with no leading underscore.
    private static string ApiStem(string? prefix, string imageId) => string.IsNullOrEmpty(prefix) ? imageId : $"{prefix}_{imageId}";
}
