namespace ImageExport.Local.Emulator.Faults;

/// <summary>
/// Rolls the dice of a <see cref="FaultPlan"/>: one seeded random source for the whole emulator, so a run with the same
/// seed and the same order of requests injects the same faults. Without a plan it never rolls and never delays.
/// </summary>
internal sealed class FaultInjector
{
    // A hang ends when the client gives up; this only bounds it when the client never does.
    private static readonly TimeSpan LongestHang = TimeSpan.FromMinutes(5);
    private readonly Random _random;
    private readonly Lock _lock = new();

    public FaultInjector(FaultPlan? plan)
    {
        Plan = plan;
        _random = new Random(plan?.Seed ?? 0);
    }

    public FaultPlan? Plan { get; }

    public bool Enabled => Plan is not null;

    public FaultCounters Counters { get; } = new();

    /// <summary>The fault (if any) and the added latency for one request; counted.</summary>
    public (FaultKind Kind, TimeSpan Latency) Decide(string service, string operation, FaultRule rule)
    {
        if (Plan is null || rule == FaultRule.None)
        {
            return (FaultKind.None, TimeSpan.Zero);
        }

        double roll, latencyRoll, latencyFraction;
        lock (_lock)
        {
            roll = _random.NextDouble();
            latencyRoll = _random.NextDouble();
            latencyFraction = _random.NextDouble();
        }

        var kind = roll switch
        {
            _ when roll < rule.Throttle => FaultKind.Throttle,
            _ when roll < rule.Throttle + rule.InternalError => FaultKind.InternalError,
            _ when roll < rule.Throttle + rule.InternalError + rule.Timeout => FaultKind.Timeout,
            _ when roll < rule.Throttle + rule.InternalError + rule.Timeout + rule.LostAnswer => FaultKind.LostAnswer,
            _ => FaultKind.None,
        };
        var latency = latencyRoll < rule.Latency ? TimeSpan.FromMilliseconds(rule.LatencyMs * latencyFraction) : TimeSpan.Zero;
        if (kind != FaultKind.None)
        {
            Counters.Add($"{service}:{operation}:{kind}");
        }

        if (latency > TimeSpan.Zero)
        {
            Counters.Add($"{service}:{operation}:Latency");
        }

        return (kind, latency);
    }

    /// <summary>Whether the plan refuses <paramref name="operation"/> (a COS operation name) with 403 AccessDenied; counted.</summary>
    public bool Denies(string operation)
    {
        if (Plan is null || !Plan.Deny.Contains(operation))
        {
            return false;
        }

        Counters.Add($"cos:{operation}:Denied");
        return true;
    }

    /// <summary>Waits until the client gives up (its connection closes); returns normally either way.</summary>
    public static async Task HangAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(LongestHang, aborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>What happens to each copy of one COS event: <c>null</c> for a dropped copy, else its delay and whether it is held back.</summary>
    public IReadOnlyList<(TimeSpan Delay, bool HoldBack)?> EventCopies()
    {
        var faults = Plan?.CosEvents ?? CosEventFaults.None;
        var copies = new List<(TimeSpan, bool)?>(faults.Copies);
        lock (_lock)
        {
            for (var i = 0; i < faults.Copies; i++)
            {
                if (_random.NextDouble() < faults.Drop)
                {
                    Counters.Add("events:Dropped");
                    copies.Add(null);
                    continue;
                }

                var delay = _random.NextDouble() < faults.Delay ? TimeSpan.FromMilliseconds(faults.DelayMs * _random.NextDouble()) : TimeSpan.Zero;
                var holdBack = _random.NextDouble() < faults.Reorder;
                Counters.Add("events:Delivered");
                if (delay > TimeSpan.Zero)
                {
                    Counters.Add("events:Delayed");
                }

                if (holdBack)
                {
                    Counters.Add("events:Reordered");
                }

                copies.Add((delay, holdBack));
            }
        }

        Counters.Add("events:Raised");
        return copies;
    }
}
