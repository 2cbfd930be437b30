namespace ImageExport.TencentCloud.Cvm;

public sealed record CvmFilter(string Name, IReadOnlyList<string> Values);

public sealed record DescribeImagesRequest
{
    public IReadOnlyList<string>? ImageIds { get; init; }
    public IReadOnlyList<CvmFilter>? Filters { get; init; }
    public ulong? Offset { get; init; }
    public ulong? Limit { get; init; }
    public string? InstanceType { get; init; }
}

public sealed record DescribeImagesResponse
{
    public int TotalCount { get; init; }
    public IReadOnlyList<CvmImage> ImageSet { get; init; } = [];
    public string? RequestId { get; init; }
}

/// <summary>A CVM <c>Image</c>, the fields ImageExport reads (unknown ones are ignored).</summary>
public sealed record CvmImage
{
    public required string ImageId { get; init; }
    public string? OsName { get; init; }
    public string? ImageType { get; init; }
    public string? CreatedTime { get; init; }
    public string? ImageName { get; init; }
    public string? ImageDescription { get; init; }
    /// <summary>GiB.</summary>
    public long ImageSize { get; init; }
    public string? Architecture { get; init; }
    public string? ImageState { get; init; }
    public string? Platform { get; init; }
    public string? ImageCreator { get; init; }
    public string? ImageSource { get; init; }
    public bool? IsSupportCloudinit { get; init; }
    public IReadOnlyList<CvmSnapshot> SnapshotSet { get; init; } = [];
    public string? LicenseType { get; init; }
}

public sealed record CvmSnapshot
{
    public required string SnapshotId { get; init; }
    /// <summary><c>SYSTEM_DISK</c> or <c>DATA_DISK</c>.</summary>
    public string? DiskUsage { get; init; }
    /// <summary>GiB.</summary>
    public long DiskSize { get; init; }
}

public sealed record ExportImagesRequest
{
    public required string BucketName { get; init; }
    public required IReadOnlyList<string> ImageIds { get; init; }
    /// <summary>RAW, QCOW2, VHD or VMDK.</summary>
    public string? ExportFormat { get; init; }
    public IReadOnlyList<string>? FileNamePrefixList { get; init; }
    public bool? OnlyExportRootDisk { get; init; }
    public bool? DryRun { get; init; }
    public string? RoleName { get; init; }
}

public sealed record ExportImagesResponse
{
    public ulong TaskId { get; init; }
    /// <summary>Object keys CVM will write, as returned (leading <c>/</c>, relative to the bucket root).</summary>
    public IReadOnlyList<string> CosPaths { get; init; } = [];
    public string? RequestId { get; init; }
}
