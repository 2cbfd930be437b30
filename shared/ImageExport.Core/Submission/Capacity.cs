using ImageExport.Core.Jobs;

namespace ImageExport.Core.Submission;

/// <summary>
/// The configured cap on exports running at once, counted across all jobs. It is a soft cap: two handlers deciding
/// at the same moment can each take the last slot, and Tencent's own limit (LimitExceeded) stays the hard one.
/// </summary>
internal static class Capacity
{
    public static int Running(IEnumerable<JobRecord> jobs) => jobs.Sum(j => j.Images.Count(i => i.IsRunning));

    public static int Queued(IEnumerable<JobRecord> jobs) => jobs.Sum(j => j.Images.Count(i => i.State == JobStates.Queued));

    /// <summary>Slots free now; <paramref name="cap"/> 0 means no cap of our own.</summary>
    public static int Free(int cap, int running) => cap == 0 ? int.MaxValue : Math.Max(0, cap - running);
}
