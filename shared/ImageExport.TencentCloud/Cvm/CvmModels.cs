namespace ImageExport.TencentCloud.Cvm;

/// <summary>
/// A DescribeImages filter. CVM's DescribeImages document (https://cloud.tencent.com/document/api/213/15715) names,
/// among others, <c>image-type</c>, <c>tag-key</c>, <c>tag-value</c> and <c>tag:&lt;tag-key&gt;</c> (the images whose tag
/// of that key has one of the values); at most 10 filters a request and 5 values a filter, filters ANDed, values ORed.
/// </summary>
public sealed record CvmFilter(string Name, IReadOnlyList<string> Values)
{
    /// <summary>DescribeImages' documented maximum of filters in one request.</summary>
    public const int MaxFilters = 10;

    /// <summary>DescribeImages' documented maximum of values in one filter.</summary>
    public const int MaxValues = 5;

    /// <summary><c>tag:&lt;key&gt;</c>: images whose tag <paramref name="key"/> has one of <paramref name="values"/>.</summary>
    public static CvmFilter Tag(string key, params IReadOnlyList<string> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new CvmFilter("tag:" + key, values);
    }

    /// <summary><c>image-type</c>: <c>PRIVATE_IMAGE</c> (custom), <c>PUBLIC_IMAGE</c> or <c>SHARED_IMAGE</c>.</summary>
    public static CvmFilter ImageType(string imageType) => new("image-type", [imageType]);
}

/// <summary>A resource tag as DescribeImages returns it (<c>Image.Tags</c>).</summary>
public sealed record CvmTag(string Key, string? Value);

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
    /// <summary>The image's tags (DescribeImages <c>Image.Tags</c>, <c>[{"Key","Value"}]</c>).</summary>
    public IReadOnlyList<CvmTag> Tags { get; init; } = [];
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
