namespace ImageExport.Local.Emulator.Faults;

/// <summary>The failure a request gets (at most one), besides any added latency.</summary>
internal enum FaultKind
{
    None,
    Throttle,
    InternalError,
    Timeout,
    LostAnswer,
}
