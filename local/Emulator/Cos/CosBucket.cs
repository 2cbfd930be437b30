namespace ImageExport.Local.Emulator.Cos;

/// <summary>One bucket: its settings, its object index and its open multipart uploads. <see cref="Gate"/> guards both.</summary>
internal sealed class CosBucket(StoredBucket settings, string directory)
{
    public StoredBucket Settings { get; set; } = settings;

    public string Name => Settings.Name;

    /// <summary>COS ignores <c>x-cos-forbid-overwrite</c> on a bucket whose versioning was ever enabled (even if suspended).</summary>
    public bool HonoursForbidOverwrite => Settings.Versioning is null;

    public string Directory { get; } = directory;

    public string ObjectsDirectory => Path.Combine(Directory, "objects");

    public string UploadsDirectory => Path.Combine(Directory, "uploads");

    public string TempDirectory => Path.Combine(Directory, "tmp");

    public string SettingsPath => Path.Combine(Directory, "bucket.json");

    public object Gate { get; } = new();

    public SortedDictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, MultipartUploadState> Uploads { get; } = new(StringComparer.Ordinal);

    public string NewTempPath()
    {
        System.IO.Directory.CreateDirectory(TempDirectory);
        return Path.Combine(TempDirectory, Guid.NewGuid().ToString("N"));
    }
}

internal sealed class MultipartUploadState(StoredUpload upload, string directory)
{
    public StoredUpload Upload { get; } = upload;

    public string Directory { get; } = directory;

    public SortedDictionary<int, StoredPart> Parts { get; } = [];

    public string UploadPath => Path.Combine(Directory, "upload.json");

    public string PartPath(int partNumber) => Path.Combine(Directory, $"part-{partNumber:D5}");

    public string PartMetaPath(int partNumber) => PartPath(partNumber) + ".json";
}
