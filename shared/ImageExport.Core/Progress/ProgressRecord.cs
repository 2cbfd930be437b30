namespace ImageExport.Core.Progress;

/// <summary>
/// <c>progress/&lt;jobId&gt;.json</c>: what the poll last observed of a job's running uploads. Overwritten by each sample
/// (it is an observation, not a decision: a lost or stale write only makes progress older, never wrong), and read by
/// <c>GET /exports</c>. Decisions drawn from it (stalled, resumed) are job events.
/// </summary>
internal sealed record ProgressRecord
{
    public required string JobId { get; init; }
    public required DateTimeOffset SampledAt { get; init; }
    public required IReadOnlyList<FileProgress> Files { get; init; }

    public FileProgress? File(string key) => Files.FirstOrDefault(f => f.Key == key);
}

/// <summary>One file's observed upload. <see cref="Bytes"/> is the most ever seen for the file, so it never goes back.</summary>
internal sealed record FileProgress
{
    public required string Key { get; init; }
    /// <summary>The upload observed last; another one later means CVM restarted the file (<see cref="Restarts"/>).</summary>
    public required string UploadId { get; init; }
    public required long Bytes { get; init; }
    /// <summary>Bytes of the current upload alone (below <see cref="Bytes"/> after a restart).</summary>
    public required long UploadBytes { get; init; }
    public int Parts { get; init; }
    public long LargestPart { get; init; }
    public DateTimeOffset? LastPartAt { get; init; }
    public double? BytesPerSecond { get; init; }
    /// <summary>When bytes last grew (the newest part's time, or the upload's start): what the stall rule measures from.</summary>
    public DateTimeOffset? LastProgressAt { get; init; }
    public int Restarts { get; init; }
    public required DateTimeOffset ObservedAt { get; init; }
}
