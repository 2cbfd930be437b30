namespace ImageExport.Core.Notifications.Delivery;

/// <summary>
/// <c>notify/&lt;jobId&gt;/&lt;outcome&gt;/&lt;channel&gt;/&lt;marker&gt;</c> and <c>notify/unknown/&lt;hash&gt;/&lt;channel&gt;/&lt;marker&gt;</c>
/// (markers: <c>claim-NNN</c>, <c>failed-NNN</c>, <c>delivered</c>, <c>abandoned</c>; see <see cref="ChannelProgress"/>), and
/// <c>unknown-pending/&lt;hash&gt;</c>: a delivery claim, failure, success or abandonment, with when and why.
/// </summary>
internal sealed record DeliveryMarker(DateTimeOffset At, string? Reason);

/// <summary><c>unknown/&lt;hash&gt;.json</c>: an export-shaped object no job knows, announced once.</summary>
internal sealed record UnknownExportRecord(string Bucket, string Key, long Size, DateTimeOffset SeenAt);
