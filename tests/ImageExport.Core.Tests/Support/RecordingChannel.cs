using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Support;

/// <summary>A notification channel that records what it was given, optionally failing its first N deliveries.</summary>
internal sealed class RecordingChannel(string name, int failures = 0) : INotificationChannel
{
    private readonly object _gate = new();
    private readonly List<ExportNotification> _delivered = [];
    private int _failuresLeft = failures;
    private int _attempts;

    public string Name => name;

    public int Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts;
            }
        }
    }

    public IReadOnlyList<ExportNotification> Delivered
    {
        get
        {
            lock (_gate)
            {
                return _delivered.ToList();
            }
        }
    }

    public async Task DeliverAsync(ExportNotification notification, CancellationToken cancellationToken)
    {
        await Task.Yield();
        lock (_gate)
        {
            _attempts++;
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                throw new HttpRequestException($"{name} receiver answered 500");
            }
            _delivered.Add(notification);
        }
    }
}
