using System.Globalization;
using ImageExport.Scf.Events;

namespace ImageExport.Core.Schedules;

/// <summary>
/// Which run an invocation belongs to. Tencent's timer document gives the event's <c>Time</c> as the trigger's creation
/// time (reference/scf.md §3b), so it cannot tell runs apart; the slot is the latest firing of the schedule's own cron
/// at or before the invocation's clock, so SCF's retries of a failed async invocation (1 and 2 minutes later, §8) and a
/// duplicated event land on the same slot, and the next firing on a new one.
/// </summary>
internal static class ScheduleSlot
{
    /// <summary>
    /// Tencent does not document the time zone timer crons fire in (reference/scf.md §5 and §10 item 4); a third-party
    /// page built on SCF says UTC+8, and the local stack fires them in UTC+8 too. A guess (local/README.md). A wrong
    /// guess shifts which firing a slot is named after, never that retries share it.
    /// </summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "UTC+08", "UTC+08");

    /// <summary>An invocation whose clock reads a little before the firing (clocks disagree) still gets that firing.</summary>
    public static readonly TimeSpan EarlyFiring = TimeSpan.FromSeconds(5);

    public static DateTimeOffset? Of(ScfCron cron, DateTimeOffset now) => cron.Previous(now + EarlyFiring, Zone);

    /// <summary>The slot in object keys and prefixes: <c>20261130-030000</c> (UTC).</summary>
    public static string Stamp(DateTimeOffset slot) => slot.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    /// <summary>The run's Idempotency-Key: the same for every invocation of one slot, through the same mechanism as <c>POST /exports</c>.</summary>
    public static string IdempotencyKey(string schedule, DateTimeOffset slot) => $"schedule:{schedule}:{Stamp(slot)}";

    /// <summary>
    /// Where a run's files go: <c>&lt;prefix&gt;/&lt;slot&gt;</c>, so two runs of the same image never write (and retention
    /// never deletes) the same key: CVM names the files after the prefix, the image and its snapshots, which a weekly
    /// export of the same image repeats.
    /// </summary>
    public static string RunPrefix(string prefix, DateTimeOffset slot) => $"{prefix}/{Stamp(slot)}";

    /// <summary>What <see cref="RunPrefix"/> adds to the schedule's prefix.</summary>
    public const int RunPrefixSuffixLength = 16;
}
