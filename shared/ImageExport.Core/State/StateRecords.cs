using ImageExport.Core.Jobs;

namespace ImageExport.Core.State;

/// <summary><c>jobs/&lt;jobId&gt;/&lt;seq&gt;-&lt;type&gt;.json</c>: the event and the job record it produced.</summary>
internal sealed record StoredEvent(int Seq, JobEvent Event, JobRecord Job);

/// <summary><c>active/&lt;jobId&gt;</c>: present while the job is unfinished or still has notifications to deliver.</summary>
internal sealed record ActiveMarker(string JobId, DateTimeOffset CreatedAt);

/// <summary><c>index/&lt;inverted time&gt;-&lt;jobId&gt;</c>: lists jobs newest first.</summary>
internal sealed record IndexEntry(string JobId, DateTimeOffset CreatedAt);

/// <summary><c>paths/&lt;bucket&gt;/&lt;key&gt;</c>: which job an exported object belongs to.</summary>
internal sealed record PathEntry(string JobId, string ImageId);

/// <summary><c>idempotency/&lt;sha256 of key&gt;</c>: the job a key produced and the request it was given with.</summary>
internal sealed record IdempotencyRecord(string JobId, string RequestHash, DateTimeOffset CreatedAt);

/// <summary>A delivery claim, failure, success or abandonment, with when and why.</summary>
internal sealed record DeliveryMarker(DateTimeOffset At, string? Reason);

/// <summary><c>unknown/&lt;hash&gt;.json</c>: an export-shaped object no job knows, announced once.</summary>
internal sealed record UnknownExportRecord(string Bucket, string Key, long Size, DateTimeOffset SeenAt);
