using System.Collections.Concurrent;
using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.Cos;

namespace ImageExport.Local.Tests.Emulator.Support;

/// <summary>Records the COS events an emulator raises, and waits (bounded) for the ones a test expects.</summary>
internal sealed class EventCollector : IDisposable
{
    private readonly ConcurrentQueue<CosObjectCreated> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly IDisposable _subscription;

    public EventCollector(EmulatorHost host)
    {
        _subscription = host.Subscribe((created, _) =>
        {
            _events.Enqueue(created);
            _arrived.Release();
            return Task.CompletedTask;
        });
    }

    public IReadOnlyList<CosObjectCreated> All => [.. _events];

    /// <summary>Waits until at least <paramref name="count"/> events arrived in all (15 s at most).</summary>
    public async Task<IReadOnlyList<CosObjectCreated>> WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (_events.Count < count)
        {
            await _arrived.WaitAsync(timeout.Token);
        }

        return All;
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _arrived.Dispose();
    }
}
