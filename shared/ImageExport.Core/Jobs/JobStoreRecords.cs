namespace ImageExport.Core.Jobs;

/// <summary>
/// <c>jobs/&lt;jobId&gt;/&lt;seq&gt;.json</c> (<c>seq</c> zero-padded to six digits, see <see cref="JobStore.EventKey"/>): the
/// event and the job record it produced.
/// </summary>
internal sealed record StoredEvent(int Seq, JobEvent Event, JobRecord Job);

/// <summary>
/// The body of every <c>active/</c> key: <c>active/&lt;jobId&gt;/&lt;seq&gt;-&lt;due&gt;-r&lt;running&gt;-q&lt;queued&gt;</c>, or a
/// bare <c>active/&lt;jobId&gt;</c> from the older layout (see <see cref="ActiveEntry"/>; the key, not this body, is what
/// the poll reads). Present while the job is unfinished or still has notifications to deliver.
/// </summary>
internal sealed record ActiveMarker(string JobId, DateTimeOffset CreatedAt);

/// <summary>
/// <c>index/&lt;inverted creation time&gt;-&lt;jobId&gt;</c> (13 digits: 9,999,999,999,999 minus the job ID's creation time in
/// Unix milliseconds): lists jobs newest first.
/// </summary>
internal sealed record IndexEntry(string JobId, DateTimeOffset CreatedAt);
