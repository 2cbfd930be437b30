using System.Globalization;
using ImageExport.TencentCloud.Cos;

namespace ImageExport.Core.Notifications.Delivery;

/// <summary>
/// Where delivery to one channel stands, read from its markers: <c>claim-NNN</c> (attempt NNN started),
/// <c>failed-NNN</c> (it failed), <c>delivered</c>, <c>abandoned</c>. Every marker is created once, so exactly one
/// writer wins each attempt.
/// </summary>
internal sealed record ChannelProgress(bool Finished, int LastAttempt, DateTimeOffset? LastClaimAt, DateTimeOffset? LastFailureAt)
{
    public const string Delivered = "delivered";
    public const string Abandoned = "abandoned";

    public static string Claim(int attempt) => "claim-" + attempt.ToString("D3", CultureInfo.InvariantCulture);

    public static string Failed(int attempt) => "failed-" + attempt.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary><paramref name="markers"/> are this channel's objects, keyed by marker name.</summary>
    public static ChannelProgress From(IReadOnlyDictionary<string, CosObjectInfo> markers)
    {
        if (markers.ContainsKey(Delivered) || markers.ContainsKey(Abandoned))
        {
            return new ChannelProgress(true, 0, null, null);
        }

        var attempt = markers.Keys
            .Where(k => k.StartsWith("claim-", StringComparison.Ordinal))
            .Select(k => int.TryParse(k.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        if (attempt == 0)
        {
            return new ChannelProgress(false, 0, null, null);
        }

        var claimAt = markers[Claim(attempt)].LastModified;
        var failedAt = markers.TryGetValue(Failed(attempt), out var failed) ? failed.LastModified ?? DateTimeOffset.MaxValue : (DateTimeOffset?)null;
        return new ChannelProgress(false, attempt, claimAt ?? DateTimeOffset.MaxValue, failedAt);
    }

    /// <summary>The attempt to make now, 0 to wait, or -1 to give up.</summary>
    public int NextAttempt(DateTimeOffset now, TimeSpan lease, TimeSpan retryDelay, int maxAttempts)
    {
        if (Finished)
        {
            return 0;
        }

        if (LastAttempt == 0)
        {
            return 1;
        }

        DateTimeOffset dueAt;
        if (LastFailureAt is { } failedAt)
        {
            // Doubling waits (capped at an hour) keep a long receiver outage from burning every attempt in minutes.
            var wait = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * (1L << Math.Min(LastAttempt - 1, 20)), TimeSpan.FromHours(1).Ticks));
            dueAt = failedAt == DateTimeOffset.MaxValue ? failedAt : failedAt + wait;
        }
        else
        {
            // A claim with no outcome after its lease: the deliverer crashed (or hung); the attempt counts as failed.
            dueAt = LastClaimAt == DateTimeOffset.MaxValue ? DateTimeOffset.MaxValue : LastClaimAt!.Value + lease;
        }
        if (now < dueAt)
        {
            return 0;
        }

        return LastAttempt >= maxAttempts ? -1 : LastAttempt + 1;
    }
}
