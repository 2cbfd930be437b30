using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageExport.Local.Emulator.Cvm;

/// <summary>One disk of an image: its snapshot, <c>SYSTEM_DISK</c> or <c>DATA_DISK</c>, and its size in GiB.</summary>
internal sealed record CatalogDisk(string SnapshotId, bool IsSystem, long SizeGib);

/// <summary>
/// A catalog image: the CVM <c>Image</c> object exactly as given (returned by DescribeImages with unknown fields kept),
/// plus the fields the emulator's rules read. An optional <c>"Emulator"</c> object carries hints for rules that
/// DescribeImages shows no field for (<c>{"Encrypted":true}</c>, <c>{"MarketImage":true}</c>); it is never returned.
/// </summary>
internal sealed class CatalogImage
{
    public const string HintsProperty = "Emulator";

    private CatalogImage(JsonObject wire, string imageId)
    {
        Wire = wire;
        ImageId = imageId;
    }

    public JsonObject Wire { get; }

    public string ImageId { get; }

    public string? ImageType => Text(Wire, "ImageType");

    public string? ImageName => Text(Wire, "ImageName");

    public string? Platform => Text(Wire, "Platform");

    public string? OsName => Text(Wire, "OsName");

    public string? ImageState => Text(Wire, "ImageState");

    public bool Encrypted { get; private init; }

    public bool MarketImage { get; private init; }

    /// <summary>System disk first, then data disks in <c>SnapshotSet</c> order.</summary>
    public IReadOnlyList<CatalogDisk> Disks { get; private init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; private init; } = [];

    public bool IsWindows => Mentions("windows");

    public bool IsRedHat => Mentions("red hat") || Mentions("redhat") || Mentions("rhel");

    public string? Field(string name) => Text(Wire, name);

    public static CatalogImage From(JsonObject given)
    {
        var wire = given.DeepClone().AsObject();
        var hints = wire[HintsProperty] as JsonObject;
        wire.Remove(HintsProperty);
        var imageId = Text(wire, "ImageId");
        if (string.IsNullOrEmpty(imageId))
        {
            throw new FormatException("every image needs a string ImageId");
        }

        return new CatalogImage(wire, imageId)
        {
            Encrypted = Flag(hints, "Encrypted"),
            MarketImage = Flag(hints, "MarketImage"),
            Disks = ReadDisks(wire, imageId),
            Tags = ReadTags(wire),
        };
    }

    private bool Mentions(string word) =>
        (Platform?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false) || (OsName?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false);

    private static IReadOnlyList<CatalogDisk> ReadDisks(JsonObject wire, string imageId)
    {
        var disks = new List<CatalogDisk>();
        if (wire["SnapshotSet"] is JsonArray snapshots)
        {
            foreach (var snapshot in snapshots.OfType<JsonObject>())
            {
                var id = Text(snapshot, "SnapshotId") ?? throw new FormatException($"{imageId}: every SnapshotSet entry needs a SnapshotId");
                disks.Add(new CatalogDisk(id, Text(snapshot, "DiskUsage") == "SYSTEM_DISK", Number(snapshot, "DiskSize")));
            }
        }

        // An image described without snapshots still has a system disk: its ImageSize, with a snapshot ID derived
        // from the image ID so that export names stay stable.
        if (disks.Count == 0)
        {
            disks.Add(new CatalogDisk("snap-" + imageId[(imageId.IndexOf('-') + 1)..], true, Number(wire, "ImageSize")));
        }

        return [.. disks.Where(d => d.IsSystem), .. disks.Where(d => !d.IsSystem)];
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReadTags(JsonObject wire) =>
        wire["Tags"] is JsonArray tags
            ? [.. tags.OfType<JsonObject>().Select(t => new KeyValuePair<string, string>(Text(t, "Key") ?? "", Text(t, "Value") ?? ""))]
            : [];

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long Number(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n
        : o[name] is JsonValue d && d.GetValueKind() == JsonValueKind.Number ? (long)d.GetValue<double>()
        : 0;

    private static bool Flag(JsonObject? o, string name) => o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
