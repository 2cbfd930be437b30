using ImageExport.Local.Emulator.Cos;

namespace ImageExport.Local.Emulator.Faults;

/// <summary>
/// Between COS and its triggers: sends each event as many times as the plan says, dropping, delaying and holding back
/// copies. A held-back copy goes out right after the next event (so the two arrive swapped), or after the plan's delay
/// when no other event comes.
/// </summary>
internal sealed class CosEventRelay(FaultInjector faults, Action<CosObjectCreated> deliver)
{
    private readonly List<CosObjectCreated> _held = [];
    private int _pending;

    /// <summary>Copies waiting for their delay or for the next event.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Publish(CosObjectCreated created)
    {
        var fallback = TimeSpan.FromMilliseconds(Math.Max(faults.Plan?.CosEvents.DelayMs ?? 0, 50));
        foreach (var copy in faults.EventCopies())
        {
            if (copy is not var (delay, holdBack))
            {
                continue;
            }

            if (holdBack)
            {
                lock (_held)
                {
                    _held.Add(created);
                }

                Interlocked.Increment(ref _pending);
                _ = ReleaseHeldLaterAsync(created, fallback);
            }
            else if (delay > TimeSpan.Zero)
            {
                Interlocked.Increment(ref _pending);
                _ = DeliverLaterAsync(created, delay);
            }
            else
            {
                deliver(created);
                ReleaseHeld(except: created);
            }
        }
    }

    private async Task DeliverLaterAsync(CosObjectCreated created, TimeSpan delay)
    {
        await Task.Delay(delay).ConfigureAwait(false);
        Interlocked.Decrement(ref _pending);
        deliver(created);
        ReleaseHeld(except: created);
    }

    private async Task ReleaseHeldLaterAsync(CosObjectCreated created, TimeSpan fallback)
    {
        await Task.Delay(fallback).ConfigureAwait(false);
        bool wasHeld;
        lock (_held)
        {
            wasHeld = _held.Remove(created);
        }

        if (wasHeld)
        {
            Interlocked.Decrement(ref _pending);
            deliver(created);
        }
    }

    private void ReleaseHeld(CosObjectCreated except)
    {
        List<CosObjectCreated> release;
        lock (_held)
        {
            release = [.. _held.Where(h => !ReferenceEquals(h, except))];
            foreach (var item in release)
            {
                _held.Remove(item);
            }
        }

        foreach (var item in release)
        {
            Interlocked.Decrement(ref _pending);
            deliver(item);
        }
    }
}
