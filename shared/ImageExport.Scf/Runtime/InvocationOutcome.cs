namespace ImageExport.Scf.Runtime;

/// <summary>How one invocation ended: the handler's bytes, or a short error for the caller.</summary>
public sealed record InvocationOutcome
{
    public byte[]? Response { get; private init; }
    public string? Error { get; private init; }
    public bool TimedOut { get; private init; }

    public bool Succeeded => Error is null;

    internal static InvocationOutcome Success(byte[] response) => new() { Response = response };

    internal static InvocationOutcome Failure(string error, bool timedOut = false) => new() { Error = error, TimedOut = timedOut };
}
