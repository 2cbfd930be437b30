namespace ImageExport.Local.Emulator.Faults;

/// <summary>
/// What happens to COS trigger events between COS and the triggers: every event is sent <see cref="Copies"/> times, and
/// each copy on its own may be dropped, delayed or held back behind the next event (reordered).
/// </summary>
internal sealed record CosEventFaults
{
    /// <summary>How many times each event is delivered (COS promises at least once, not exactly once).</summary>
    public int Copies { get; init; } = 1;

    /// <summary>Probability that one copy is lost (a misconfigured or failing trigger).</summary>
    public double Drop { get; init; }

    /// <summary>Probability that one copy is delayed by up to <see cref="DelayMs"/>.</summary>
    public double Delay { get; init; }

    public int DelayMs { get; init; } = 1000;

    /// <summary>Probability that one copy is held until the next event has gone out (or <see cref="DelayMs"/> passed).</summary>
    public double Reorder { get; init; }

    public static CosEventFaults None { get; } = new();

    internal void Validate()
    {
        if (Copies is < 1 or > 100)
        {
            throw new FormatException($"cosEvents.copies: {Copies} is not 1-100");
        }

        foreach (var (name, p) in new[] { ("drop", Drop), ("delay", Delay), ("reorder", Reorder) })
        {
            if (!(p is >= 0 and <= 1))
            {
                throw new FormatException($"cosEvents.{name}: {p} is not a probability 0-1");
            }
        }

        if (DelayMs < 0)
        {
            throw new FormatException("cosEvents.delayMs: must be 0 or more");
        }
    }
}
