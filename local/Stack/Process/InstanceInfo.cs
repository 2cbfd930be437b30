namespace ImageExport.Local.Stack.Process;

/// <summary>What an instance is doing, for diagnostics and tests.</summary>
/// <param name="Invocations">How many events it has been given, this one included.</param>
internal sealed record InstanceInfo(string Id, int ProcessId, InstanceState State, int Invocations);

internal enum InstanceState
{
    /// <summary>Starting (before init/ready), or between an answer and the idle list.</summary>
    Starting,

    /// <summary>Holds an event.</summary>
    Busy,

    /// <summary>Warm, waiting for an event or for its keep-warm period to end.</summary>
    Idle,
}
