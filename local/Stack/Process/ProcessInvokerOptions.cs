namespace ImageExport.Local.Stack.Process;

/// <summary>How <see cref="ProcessFunctionInvoker"/> runs the packaged binary.</summary>
internal sealed record ProcessInvokerOptions
{
    /// <summary>
    /// What SCF would start: the <c>bootstrap</c> of the unpacked zip, or the published binary itself. Instances run
    /// in its directory, as SCF runs them in the unpacked package (<c>USER_CODE_ROOT</c>).
    /// </summary>
    public required string BinaryPath { get; init; }

    /// <summary>Receives the invoker's own events and every line the instances write, tagged with the function.</summary>
    public required Serilog.ILogger Logger { get; init; }

    /// <summary>Measures init and execution timeouts, keep-warm and the stop grace period.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long an idle instance is kept for the next event before it is stopped.</summary>
    public TimeSpan KeepWarm { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many instances one function may run at once; further invocations wait for a free one.</summary>
    public int MaxInstancesPerFunction { get; init; } = 4;

    /// <summary>How long a stopping instance gets after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);
}
