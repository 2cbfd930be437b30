namespace ImageExport.Local.Emulator.Faults;

/// <summary>
/// What can go wrong with one CVM action or COS operation, each a probability from 0 to 1. One roll picks at most one
/// of the failures (their sum must not pass 1); latency is rolled on its own and adds to whatever happens.
/// </summary>
internal sealed record FaultRule
{
    /// <summary>CVM <c>RequestLimitExceeded</c>; COS <c>503 SlowDown</c>.</summary>
    public double Throttle { get; init; }

    /// <summary>CVM <c>InternalError</c>; COS <c>500 InternalError</c>.</summary>
    public double InternalError { get; init; }

    /// <summary>The request is taken and never answered, and nothing is done: the client gives up on its own clock.</summary>
    public double Timeout { get; init; }

    /// <summary>The work is done, then the connection is aborted before the answer leaves: the client cannot know.</summary>
    public double LostAnswer { get; init; }

    /// <summary>How often an answer is delayed…</summary>
    public double Latency { get; init; }

    /// <summary>…by up to this many milliseconds (uniformly).</summary>
    public int LatencyMs { get; init; } = 200;

    public static FaultRule None { get; } = new();

    internal void Validate(string where)
    {
        foreach (var (name, p) in new[] { ("throttle", Throttle), ("internalError", InternalError), ("timeout", Timeout), ("lostAnswer", LostAnswer), ("latency", Latency) })
        {
            if (!(p is >= 0 and <= 1))
            {
                throw new FormatException($"{where}.{name}: {p} is not a probability 0-1");
            }
        }

        if (Throttle + InternalError + Timeout + LostAnswer > 1 + 1e-9)
        {
            throw new FormatException($"{where}: throttle + internalError + timeout + lostAnswer is over 1");
        }

        if (LatencyMs < 0)
        {
            throw new FormatException($"{where}.latencyMs: must be 0 or more");
        }
    }
}
