using System.Security.Cryptography;
using System.Text;
using ImageExport.Core.Storage;
using Serilog;

namespace ImageExport.Core.Notifications.Delivery;

/// <summary>
/// Export-shaped objects no job knows (a console export, another tool's): announced once. <c>unknown/&lt;hash&gt;.json</c>
/// keeps the first sighting; <c>unknown-pending/&lt;hash&gt;</c> stays until every channel is done, for the poll to retry.
/// </summary>
internal sealed class UnknownExports(StateStore state, NotificationDelivery delivery, NotificationFactory factory, TimeProvider time, ILogger log)
{
    public static string Hash(string bucket, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bucket + "/" + key)));

    public async Task AnnounceAsync(string bucket, string key, long size, CancellationToken cancellationToken)
    {
        var hash = Hash(bucket, key);
        // Pending first: a crash before the record leaves a marker the poll drops, never a record nobody announces.
        await state.TryCreateAsync("unknown-pending/" + hash, new DeliveryMarker(time.GetUtcNow(), null), DeliveryJson.Default.DeliveryMarker, cancellationToken).ConfigureAwait(false);
        if (await state.TryCreateAsync($"unknown/{hash}.json", new UnknownExportRecord(bucket, key, size, time.GetUtcNow()), DeliveryJson.Default.UnknownExportRecord, cancellationToken).ConfigureAwait(false))
        {
            log.Information("Export-shaped object {Bucket}/{ObjectKey} belongs to no job; announcing it", bucket, key);
        }
        await DeliverAsync(hash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retries every announcement some channel has not taken yet.</summary>
    public async Task RetryPendingAsync(Func<bool> exhausted, CancellationToken cancellationToken)
    {
        foreach (var pending in await state.ListAsync("unknown-pending/", cancellationToken).ConfigureAwait(false))
        {
            if (exhausted())
            {
                return;
            }

            await DeliverAsync(pending.Key["unknown-pending/".Length..], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(string hash, CancellationToken cancellationToken)
    {
        var record = await state.GetAsync($"unknown/{hash}.json", DeliveryJson.Default.UnknownExportRecord, cancellationToken).ConfigureAwait(false);
        var done = record is null || await delivery.DeliverAsync(NotificationDelivery.UnknownScope(hash), () => factory.ForUnknown(record, hash), cancellationToken).ConfigureAwait(false);
        if (done)
        {
            await state.DeleteAsync("unknown-pending/" + hash, cancellationToken).ConfigureAwait(false);
        }
    }
}
