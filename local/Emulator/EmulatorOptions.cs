using System.Text.Json.Nodes;

namespace ImageExport.Local.Emulator;

/// <summary>How an emulated export names the objects it writes.</summary>
internal enum ExportNaming
{
    /// <summary><c>&lt;prefix&gt;_&lt;imageId&gt;_system_&lt;snapshotId&gt;.&lt;format&gt;</c> and <c>…_data_…</c> per data disk (the API doc).</summary>
    Api,

    /// <summary><c>&lt;prefix&gt;_xvda.&lt;format&gt;</c>, then <c>xvdb</c>, <c>xvdc</c>… for data disks (the console guide).</summary>
    Console,
}

/// <summary>
/// What a COS trigger event carries as <c>eventName</c>. Tencent's COS trigger document and the events captured from it
/// carry the trigger's literal pattern, <c>cos:ObjectCreated:*</c>, where other sources show the operation
/// (<c>cos:ObjectCreated:Put</c>); code must cope with both, so the emulator can send either, or both by turns.
/// </summary>
internal enum CosEventNames
{
    /// <summary><c>cos:ObjectCreated:*</c>, as documented and captured.</summary>
    Documented,

    /// <summary><c>cos:ObjectCreated:Put</c> or <c>cos:ObjectCreated:CompleteMultipartUpload</c>.</summary>
    Operation,

    /// <summary>The two forms by turns, event by event.</summary>
    Mixed,
}

/// <summary>A bucket the emulator makes sure exists when it starts.</summary>
/// <param name="Name">The full name, <c>name-appid</c>.</param>
/// <param name="WriterRoles">CAM roles whose exports may write the bucket (ExportImages' <c>RoleName</c>).</param>
internal sealed record BucketSpec(string Name, string Region, IReadOnlyList<string> WriterRoles);

internal sealed record EmulatorOptions
{
    public const string DefaultRegion = "ap-guangzhou";
    public const string DefaultAppId = "1250000000";
    public const string DefaultRole = "CVM_QcsRole";

    /// <summary>Buckets, objects, credentials and pending exports live here; a restart keeps them.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int CvmPort { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int CosPort { get; init; }

    /// <summary>CVM <c>Image</c> objects as <c>DescribeImages</c> returns them; unknown fields are kept and returned.</summary>
    public JsonArray Images { get; init; } = [];

    /// <summary>How long an emulated export takes per GiB of disk.</summary>
    public double ExportSecondsPerGib { get; init; } = 0.1;

    public ExportNaming ExportNaming { get; init; } = ExportNaming.Api;

    /// <summary>The <c>eventName</c> form of COS trigger events.</summary>
    public CosEventNames CosEventNames { get; init; } = CosEventNames.Documented;

    /// <summary>How many images may be exporting at once before <c>LimitExceeded.ExportImageTaskLimitExceeded</c>.</summary>
    public int RunningExportLimit { get; init; } = 2;

    public string Region { get; init; } = DefaultRegion;

    public string AppId { get; init; } = DefaultAppId;

    /// <summary>CAM roles that exist in the emulated account; any other <c>RoleName</c> fails to authenticate.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [DefaultRole];

    /// <summary>Created at start when missing; <c>null</c> means <see cref="StandardBuckets"/>.</summary>
    public IReadOnlyList<BucketSpec>? Buckets { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Faults to inject into CVM, COS and COS trigger events (<c>--faults FILE</c>); <c>null</c>: none.</summary>
    public Faults.FaultPlan? Faults { get; init; }

    public Serilog.ILogger Logger { get; init; } = Serilog.Core.Logger.None;

    public string DefaultBucket => $"imageexport-{AppId}";

    /// <summary>
    /// The default export bucket, one in another region (<c>elsewhere-</c>, for the same-region rule) and one the export
    /// role may not write (<c>readonly-</c>, for the permission rule).
    /// </summary>
    public IReadOnlyList<BucketSpec> StandardBuckets =>
    [
        new(DefaultBucket, Region, [DefaultRole]),
        new($"elsewhere-{AppId}", Region == "ap-shanghai" ? "ap-beijing" : "ap-shanghai", [DefaultRole]),
        new($"readonly-{AppId}", Region, []),
    ];
}
