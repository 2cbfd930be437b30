using System.Threading.Channels;
using ImageExport.Local.Emulator.Faults;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>
/// Delivers events to in-process subscribers in the background, in order: COS invokes triggers asynchronously, so an
/// upload never waits for (or fails because of) a subscriber. A subscriber's exception is logged and dropped.
/// </summary>
internal sealed class CosEventDispatcher : IAsyncDisposable
{
    private readonly Channel<CosObjectCreated> _queue = Channel.CreateUnbounded<CosObjectCreated>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Func<CosObjectCreated, CancellationToken, Task>> _subscribers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Serilog.ILogger _log;
    private readonly Task _loop;
    private readonly CosEventRelay? _relay;

    public CosEventDispatcher(Serilog.ILogger log, FaultInjector? faults = null)
    {
        _log = log.ForContext<CosEventDispatcher>();
        _loop = Task.Run(DeliverAsync);
        _relay = faults is { Enabled: true } ? new CosEventRelay(faults, created => _queue.Writer.TryWrite(created)) : null;
    }

    public IDisposable Subscribe(Func<CosObjectCreated, CancellationToken, Task> subscriber)
    {
        lock (_subscribers)
        {
            _subscribers.Add(subscriber);
        }

        return new Subscription(this, subscriber);
    }

    public void Publish(CosObjectCreated created)
    {
        if (_relay is not null)
        {
            _relay.Publish(created);
            return;
        }

        _queue.Writer.TryWrite(created);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // Events already raised get a short chance to reach subscribers; a stuck subscriber must not hold shutdown.
        if (await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5))) != _loop)
        {
            await _stopping.CancelAsync();
        }

        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task DeliverAsync()
    {
        await foreach (var created in _queue.Reader.ReadAllAsync())
        {
            Func<CosObjectCreated, CancellationToken, Task>[] subscribers;
            lock (_subscribers)
            {
                subscribers = [.. _subscribers];
            }

            foreach (var subscriber in subscribers)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    await subscriber(created, _stopping.Token);
                }
                catch (Exception e)
                {
                    _log.Warning(e, "COS event subscriber failed on {EventName} for {Bucket}/{Key}", created.EventName, created.Bucket, created.Key);
                }
            }
        }
    }

    private sealed class Subscription(CosEventDispatcher owner, Func<CosObjectCreated, CancellationToken, Task> subscriber) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._subscribers)
            {
                owner._subscribers.Remove(subscriber);
            }
        }
    }
}
