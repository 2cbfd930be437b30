namespace ImageExport.Core.Jobs;

/// <summary>
/// Where CVM writes an export: <c>&lt;prefix&gt;_&lt;imageId&gt;_system_&lt;snapshotId&gt;.&lt;format&gt;</c> and <c>_data_</c> per data
/// disk (docs/reference/cvm-cos-api.md §1.2). The extension for formats other than raw is a guess (lower-case format name);
/// CosPaths from ExportImages replace these predictions as soon as they are known.
/// </summary>
internal static class ExportPaths
{
    /// <summary>COS keys are used without the leading slash CosPaths carry.</summary>
    public static string KeyOf(string cosPath) => cosPath.TrimStart('/');

    /// <summary>Every object an export of this image writes starts with this (what the poll lists).</summary>
    public static string ListPrefix(string prefix, string imageId) => $"{prefix}_{imageId}_";

    public static IReadOnlyList<string> Predict(string prefix, string imageId, string format, IEnumerable<DiskRecord> disks) =>
        disks.Select(d => $"{prefix}_{imageId}_{(d.Usage == "SYSTEM_DISK" ? "system" : "data")}_{d.SnapshotId}.{format}").ToList();
}
