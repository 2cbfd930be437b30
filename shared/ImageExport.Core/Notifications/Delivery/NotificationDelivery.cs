using ImageExport.Core.Configuration;
using ImageExport.Core.Storage;
using Serilog;

namespace ImageExport.Core.Notifications.Delivery;

/// <summary>
/// At most one delivery per notification and channel, whatever the duplication of events and timers: an attempt is
/// claimed with a create-only marker before the channel is called, and its success or failure recorded after.
/// One channel's failure is recorded and retried later (by the poll); it never blocks the others.
/// </summary>
internal sealed class NotificationDelivery(
    StateStore state,
    IReadOnlyList<INotificationChannel> channels,
    ImageExportSettings settings,
    TimeProvider time,
    ILogger log)
{
    private const int DeliveredWriteAttempts = 5;

    public static string JobScope(string jobId, string outcome) => $"notify/{jobId}/{outcome}/";

    public static string UnknownScope(string hash) => $"notify/unknown/{hash}/";

    /// <summary>Delivers to every channel not done yet; true when every channel is done (delivered or given up on).</summary>
    public async Task<bool> DeliverAsync(string scope, Func<ExportNotification> build, CancellationToken cancellationToken)
    {
        if (channels.Count == 0)
        {
            return true;
        }

        var markers = await state.ListAsync(scope, cancellationToken).ConfigureAwait(false);
        var notification = new Lazy<ExportNotification>(build);
        var allDone = true;
        foreach (var channel in channels)
        {
            var channelPrefix = scope + channel.Name + "/";
            var own = markers
                .Where(m => m.Key.StartsWith(channelPrefix, StringComparison.Ordinal))
                .ToDictionary(m => m.Key[channelPrefix.Length..], StringComparer.Ordinal);
            allDone &= await DeliverAsync(scope, channel, channelPrefix, ChannelProgress.From(own), notification, cancellationToken).ConfigureAwait(false);
        }
        return allDone;
    }

    private async Task<bool> DeliverAsync(string scope, INotificationChannel channel, string channelPrefix, ChannelProgress progress, Lazy<ExportNotification> notification, CancellationToken cancellationToken)
    {
        if (progress.Finished)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var attempt = progress.NextAttempt(now, settings.NotificationLease, settings.NotificationRetryDelay, settings.NotificationMaxAttempts);
        if (attempt == -1)
        {
            await state.TryCreateAsync(channelPrefix + ChannelProgress.Abandoned, new DeliveryMarker(now, $"gave up after {progress.LastAttempt} attempt(s)"), DeliveryJson.Default.DeliveryMarker, cancellationToken).ConfigureAwait(false);
            log.Error("Notification {Scope} via {Channel}: gave up after {Attempts} attempt(s)", scope, channel.Name, progress.LastAttempt);
            return true;
        }
        if (attempt == 0)
        {
            return false;
        }

        if (!await state.TryCreateAsync(channelPrefix + ChannelProgress.Claim(attempt), new DeliveryMarker(now, null), DeliveryJson.Default.DeliveryMarker, cancellationToken).ConfigureAwait(false))
        {
            return false; // Another handler claimed this attempt.
        }

        try
        {
            await channel.DeliverAsync(notification.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Warning("Notification {NotificationId} via {Channel} failed (attempt {Attempt}): {ErrorType}: {Reason}", notification.Value.Id, channel.Name, attempt, e.GetType().Name, e.Message);
            await state.TryCreateAsync(channelPrefix + ChannelProgress.Failed(attempt), new DeliveryMarker(time.GetUtcNow(), $"{e.GetType().Name}: {e.Message}"), DeliveryJson.Default.DeliveryMarker, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        await RecordDeliveredAsync(channelPrefix + ChannelProgress.Delivered, notification.Value.Id, channel.Name).ConfigureAwait(false);
        // The one line per delivery (channels do not log theirs).
        log.Information("Notification {NotificationId} for job {JobId} delivered via {Channel} (attempt {Attempt})",
            notification.Value.Id, notification.Value.JobId, channel.Name, attempt);
        return true;
    }

    // The receiver has it now: losing this marker would mean delivering it again once the claim's lease runs out, so
    // it is written harder than other records (each try is itself retried by the COS client).
    private async Task RecordDeliveredAsync(string key, string notificationId, string channel)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.TryCreateAsync(key, new DeliveryMarker(time.GetUtcNow(), null), DeliveryJson.Default.DeliveryMarker, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < DeliveredWriteAttempts)
            {
                log.Warning("Notification {NotificationId} via {Channel} delivered, but recording it failed (try {Attempt}): {Reason}", notificationId, channel, attempt, e.Message);
            }
        }
    }
}
