using ImageExport.Core.Notifications;

namespace ImageExport.Core.Tests.Support;

/// <summary>A notification channel that records what it was given, optionally failing its first N deliveries.</summary>
internal sealed class RecordingChannel(string name, int failures = 0) : INotificationChannel
{
    private readonly object gate = new();
    private readonly List<ExportNotification> delivered = [];
    private int failuresLeft = failures;
    private int attempts;

    public string Name => name;

    public int Attempts
    {
        get { lock (gate) return attempts; }
    }

    public IReadOnlyList<ExportNotification> Delivered
    {
        get { lock (gate) return delivered.ToList(); }
    }

    public async Task DeliverAsync(ExportNotification notification, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (gate)
        {
            attempts++;
            if (failuresLeft > 0)
            {
                failuresLeft--;
                throw new HttpRequestException($"{name} receiver answered 500");
            }
            delivered.Add(notification);
        }
    }
}
