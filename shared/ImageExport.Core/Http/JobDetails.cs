using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Delivery;
using ImageExport.Core.Progress;
using ImageExport.Core.Storage;
using ImageExport.TencentCloud.Cos;

namespace ImageExport.Core.Http;

/// <summary>
/// What <c>GET /exports/{jobId}</c> adds to the job for the people who follow it (the web console, the CLI): a
/// download link for each landed file, signed now with the function's own credentials, and where the job's
/// notifications stand on each channel, read from the delivery markers (one LIST). The job listing leaves both out.
/// </summary>
internal sealed class JobDetails(ICosApi cos, StateStore state, IReadOnlyList<INotificationChannel> channels, ImageExportSettings settings)
{
    public async Task<JobView> DescribeAsync(JobRecord job, ProgressRecord? progress, CancellationToken cancellationToken)
    {
        var view = JobView.From(job, progress);
        var markers = await state.ListAsync($"notify/{job.JobId}/", cancellationToken).ConfigureAwait(false);
        return view with { Downloads = Downloads(job), Notifications = Notifications(job, markers) };
    }

    private List<DownloadLink> Downloads(JobRecord job) =>
        job.Images.SelectMany(i => i.Files).Where(f => f.State == FileStates.Landed).Select(f =>
        {
            // Same lifetime as the notifications' links; a link signed with temporary keys dies with them, so the
            // expiry given is the earlier of the two.
            var link = cos.PresignGetObject(job.Bucket, f.Key, settings.DownloadLinkLifetime);
            return new DownloadLink(f.Key, link.Url.AbsoluteUri, link.ExpiresAt);
        }).ToList();

    /// <summary>
    /// One entry per outcome announced (or due to be) and channel: <c>delivered</c>, <c>abandoned</c>, <c>retrying</c>
    /// (an attempt failed), <c>sending</c> (an attempt is under way) or <c>pending</c> (a finished job, nothing tried yet).
    /// </summary>
    private static List<NotificationStatus> NotificationsFrom(JobRecord job, IReadOnlyList<CosObjectInfo> markers, IEnumerable<string> channelNames)
    {
        var prefix = $"notify/{job.JobId}/";
        var byScope = markers
            .Select(m => (Parts: m.Key[prefix.Length..].Split('/'), Marker: m))
            .Where(x => x.Parts.Length == 3)
            .GroupBy(x => (Outcome: x.Parts[0], Channel: x.Parts[1]))
            .ToDictionary(g => g.Key, g => g.ToDictionary(x => x.Parts[2], x => x.Marker, StringComparer.Ordinal));
        var result = new List<NotificationStatus>();
        foreach (var ((outcome, channel), own) in byScope.OrderBy(p => p.Key.Outcome, StringComparer.Ordinal).ThenBy(p => p.Key.Channel, StringComparer.Ordinal))
        {
            var progress = ChannelProgress.From(own);
            var (status, at) = own.TryGetValue(ChannelProgress.Delivered, out var delivered) ? ("delivered", delivered.LastModified)
                : own.TryGetValue(ChannelProgress.Abandoned, out var abandoned) ? ("abandoned", abandoned.LastModified)
                : progress.LastFailureAt is { } failedAt ? ("retrying", failedAt)
                : ("sending", progress.LastClaimAt);
            var attempts = own.Keys.Count(k => k.StartsWith("claim-", StringComparison.Ordinal));
            result.Add(new NotificationStatus(outcome, channel, status, attempts, at == DateTimeOffset.MaxValue ? null : at));
        }

        if (job.IsTerminal)
        {
            foreach (var channel in channelNames.Where(c => !byScope.ContainsKey((job.State, c))))
            {
                result.Add(new NotificationStatus(job.State, channel, "pending", 0, null));
            }
        }
        return result;
    }

    private List<NotificationStatus> Notifications(JobRecord job, IReadOnlyList<CosObjectInfo> markers) =>
        NotificationsFrom(job, markers, channels.Select(c => c.Name));
}

/// <summary>A presigned GET of one exported object and when it stops working.</summary>
internal sealed record DownloadLink(string Key, string Url, DateTimeOffset ExpiresAt);

/// <summary>Where one notification of a job stands on one channel.</summary>
internal sealed record NotificationStatus(string Outcome, string Channel, string Status, int Attempts, DateTimeOffset? At);
