using System.Globalization;

namespace ImageExport.Core.Jobs;

/// <summary>
/// One <c>active/</c> key. The key itself says what the poll needs to decide whether the job wants work, so a tick
/// reads only the jobs that are due: <c>active/&lt;jobId&gt;/&lt;seq&gt;-&lt;due&gt;-r&lt;running&gt;-q&lt;queued&gt;</c>, where
/// <c>seq</c> is the event the summary was taken from and <c>due</c> when the job should next be looked at
/// (<c>yyyyMMddTHHmmss</c> UTC, or <c>never</c>: only free export capacity makes it due). A job may briefly have two
/// keys (a writer crashed between creating the new one and deleting the old, or two writers raced); the one with the
/// highest (seq, due) speaks for the job and the others are stale and harmless. A bare <c>active/&lt;jobId&gt;</c> (the
/// older layout) is always due and is replaced the first time the job is reconciled.
/// </summary>
internal sealed record ActiveEntry(string Key, string JobId, int Seq, DateTimeOffset? Due, int Running, int Queued)
{
    public const string Prefix = "active/";
    private const string DueFormat = "yyyyMMdd'T'HHmmss";
    private const string Never = "never";

    /// <summary>An <c>active/&lt;jobId&gt;</c> key without a summary: its counts are unknown until the job is read.</summary>
    public bool IsLegacy => Seq == 0;

    public bool IsDue(DateTimeOffset now) => IsLegacy || (Due is { } due && due <= now);

    /// <summary>Orders the keys of one job: the greatest one is the job's current summary.</summary>
    public bool SupersedesOrEquals(ActiveEntry other) =>
        Seq != other.Seq ? Seq > other.Seq : (Due ?? DateTimeOffset.MaxValue) >= (other.Due ?? DateTimeOffset.MaxValue);

    public static string JobPrefix(string jobId) => Prefix + jobId;

    public static ActiveEntry For(JobRecord job, DateTimeOffset? due)
    {
        var running = Capacity.Running(job);
        var queued = Capacity.Queued(job);
        // Second precision, rounded down: a job looked at up to a second early finds nothing and stays due.
        DateTimeOffset? rounded = due is { } d ? new DateTimeOffset(d.UtcTicks - d.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) : null;
        var dueText = rounded is { } r ? r.UtcDateTime.ToString(DueFormat, CultureInfo.InvariantCulture) : Never;
        var key = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{job.JobId}/{job.Seq:D6}-{dueText}-r{running}-q{queued}");
        return new ActiveEntry(key, job.JobId, job.Seq, rounded, running, queued);
    }

    /// <summary>Reads a key relative to the state prefix; null when it is not an active key of a valid job.</summary>
    public static ActiveEntry? Parse(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        var jobId = (slash < 0 ? rest : rest[..slash]).ToString();
        if (!JobIds.IsValid(jobId))
        {
            return null;
        }

        if (slash < 0)
        {
            return new ActiveEntry(key, jobId, 0, null, 0, 0);
        }

        var parts = rest[(slash + 1)..].ToString().Split('-');
        if (parts.Length != 4 || parts[2].Length < 2 || parts[2][0] != 'r' || parts[3].Length < 2 || parts[3][0] != 'q')
        {
            return null;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1)
        {
            return null;
        }

        if (!int.TryParse(parts[2].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var running))
        {
            return null;
        }

        if (!int.TryParse(parts[3].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var queued))
        {
            return null;
        }

        DateTimeOffset? due = null;
        if (parts[1] != Never)
        {
            if (!DateTimeOffset.TryParseExact(parts[1], DueFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return null;
            }

            due = parsed;
        }
        return new ActiveEntry(key, jobId, seq, due, running, queued);
    }
}
