using ImageExport.Core.Jobs;
using ImageExport.Scf.Events;

namespace ImageExport.Core.Schedules;

/// <summary>
/// A schedule, as a timer trigger's <c>argument</c> on the start function gives it (design.md "Contract: schedules"):
/// which images (by ID or by tag), where and how to export them, and how long to keep the exports.
/// </summary>
internal sealed record Schedule
{
    public required string Name { get; init; }
    public required ScfCron Cron { get; init; }
    /// <summary>The images by ID; null when chosen by <see cref="Tags"/>.</summary>
    public IReadOnlyList<string>? ImageIds { get; init; }
    /// <summary>The images by tag (every tag must match; DescribeImages' <c>tag:&lt;key&gt;</c> filters); null with IDs.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public required string Bucket { get; init; }
    public required string Format { get; init; }
    public bool OnlyRootDisk { get; init; }
    /// <summary>The schedule's prefix; each run writes under <c>&lt;prefix&gt;/&lt;slot&gt;</c> (<see cref="ScheduleSlot.RunPrefix"/>).</summary>
    public required string Prefix { get; init; }
    public RetentionPolicy? Retention { get; init; }
}

/// <summary>One malformed field of a schedule and why, in English (logged and sent as it is).</summary>
internal sealed record ScheduleError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
