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
    public async Task<bool> DeliverAsync(string scope, Func<ExportNotification> build, CancellationToken cancellationToken) =>
        await TryDeliverAsync(scope, build, cancellationToken).ConfigureAwait(false) == DeliveryOutcome.Done;

    /// <summary>
    /// Delivers to every channel not done yet, and says where that leaves the notification: <see cref="DeliveryOutcome.Failed"/>
    /// when a channel failed (now, or earlier and waits out its back-off) even if others were delivered, else
    /// <see cref="DeliveryOutcome.InFlight"/> when another handler holds a channel's attempt, else <see cref="DeliveryOutcome.Done"/>.
    /// </summary>
    public async Task<DeliveryOutcome> TryDeliverAsync(string scope, Func<ExportNotification> build, CancellationToken cancellationToken)
    {
        if (channels.Count == 0)
        {
            return DeliveryOutcome.Done;
        }

        var markers = await state.ListAsync(scope, cancellationToken).ConfigureAwait(false);
        var notification = new Lazy<ExportNotification>(build);
        var outcome = DeliveryOutcome.Done;
        foreach (var channel in channels)
        {
            var channelPrefix = scope + channel.Name + "/";
            var own = markers
                .Where(m => m.Key.StartsWith(channelPrefix, StringComparison.Ordinal))
                .ToDictionary(m => m.Key[channelPrefix.Length..], StringComparer.Ordinal);
            var channelOutcome = await DeliverAsync(scope, channel, channelPrefix, ChannelProgress.From(own), notification, cancellationToken).ConfigureAwait(false);
            outcome = (DeliveryOutcome)Math.Max((int)outcome, (int)channelOutcome);
        }
        return outcome;
    }

    private async Task<DeliveryOutcome> DeliverAsync(string scope, INotificationChannel channel, string channelPrefix, ChannelProgress progress, Lazy<ExportNotification> notification, CancellationToken cancellationToken)
    {
        if (progress.Finished)
        {
            return DeliveryOutcome.Done;
        }

        var now = time.GetUtcNow();
        var attempt = progress.NextAttempt(now, settings.NotificationLease, settings.NotificationRetryDelay, settings.NotificationMaxAttempts);
        if (attempt == -1)
        {
            await state.TryCreateAsync(channelPrefix + ChannelProgress.Abandoned, new DeliveryMarker(now, $"gave up after {progress.LastAttempt} attempt(s)"), DeliveryJson.Default.DeliveryMarker, cancellationToken).ConfigureAwait(false);
            log.Error("Notification {Scope} via {Channel}: gave up after {Attempts} attempt(s)", scope, channel.Name, progress.LastAttempt);
            return DeliveryOutcome.Done;
        }
        if (attempt == 0)
        {
            // Either the last attempt failed and waits out its back-off, or another handler holds it within its lease.
            return progress.LastFailureAt is null ? DeliveryOutcome.InFlight : DeliveryOutcome.Failed;
        }

        if (!await state.TryCreateAsync(channelPrefix + ChannelProgress.Claim(attempt), new DeliveryMarker(now, null), DeliveryJson.Default.DeliveryMarker, cancellationToken).ConfigureAwait(false))
        {
            return DeliveryOutcome.InFlight; // Another handler claimed this attempt.
        }

        try
        {
            await channel.DeliverAsync(notification.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Warning("Notification {NotificationId} via {Channel} failed (attempt {Attempt}): {ErrorType}: {Reason}", notification.Value.Id, channel.Name, attempt, e.GetType().Name, e.Message);
            await state.TryCreateAsync(channelPrefix + ChannelProgress.Failed(attempt), new DeliveryMarker(time.GetUtcNow(), $"{e.GetType().Name}: {e.Message}"), DeliveryJson.Default.DeliveryMarker, CancellationToken.None).ConfigureAwait(false);
            return DeliveryOutcome.Failed;
        }
        await RecordDeliveredAsync(channelPrefix + ChannelProgress.Delivered, notification.Value.Id, channel.Name).ConfigureAwait(false);
        // The one line per delivery (channels do not log theirs).
        log.Information("Notification {NotificationId} for job {JobId} delivered via {Channel} (attempt {Attempt})",
            notification.Value.Id, notification.Value.JobId, channel.Name, attempt);
        return DeliveryOutcome.Done;
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

/// <summary>Where a notification stands after a delivery call, worst channel first (the order is the severity).</summary>
internal enum DeliveryOutcome
{
    /// <summary>Every channel has it, or was given up on after its attempts.</summary>
    Done,
    /// <summary>Another handler holds a channel's attempt (within its lease); nothing failed here.</summary>
    InFlight,
    /// <summary>A channel's attempt failed (this call's, or an earlier one whose back-off has not run out).</summary>
    Failed,
}
