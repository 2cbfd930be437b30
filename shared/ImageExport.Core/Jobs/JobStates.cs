namespace ImageExport.Core.Jobs;

/// <summary>Job and image states of the HTTP contract.</summary>
internal static class JobStates
{
    public const string Queued = "queued";
    public const string Exporting = "exporting";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Queued, Exporting, Completed, Failed];

    public static bool IsTerminal(string state) => state is Completed or Failed;
}

/// <summary>Where an exporting image's ExportImages call stands.</summary>
internal static class Submissions
{
    /// <summary>Claimed by a writer that is calling ExportImages right now (or crashed while doing so).</summary>
    public const string Submitting = "submitting";
    /// <summary>The call may or may not have started an export; the poll resolves it.</summary>
    public const string Unknown = "unknown";
    public const string Submitted = "submitted";
}

internal static class FileStates
{
    public const string Pending = "pending";
    public const string Landed = "landed";
    /// <summary>Deleted by a schedule's retention (Schedules/Retention.cs); it was landed before.</summary>
    public const string Deleted = "deleted";
}
