using Serilog;

namespace ImageExport.Scf.Runtime;

/// <summary>How <see cref="FunctionHost"/> runs; the defaults are what SCF needs.</summary>
public sealed class FunctionHostOptions
{
    /// <summary>Where the host logs; <see cref="Log.Logger"/> when not set.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The clock deadlines and retry delays are measured with.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Reads an environment variable; replaced in tests. <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</summary>
#pragma warning disable RS0030 // The hosting library's default is the process environment itself: this is where it enters.
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;
#pragma warning restore RS0030

    /// <summary>
    /// The smallest head start the handler's cancellation gets on SCF's deadline, so it can still answer and the
    /// platform does not kill the instance mid-write. 500 ms by default.
    /// </summary>
    public TimeSpan DeadlineSafetyMargin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The head start as a share of the time limit, used when larger than <see cref="DeadlineSafetyMargin"/>
    /// (a long invocation has more in flight to wind down). 0.05 by default.
    /// </summary>
    public double DeadlineSafetyFraction { get; init; } = 0.05;

    /// <summary>The time limit assumed when SCF does not send one: SCF's maximum, 900 s.</summary>
    public TimeSpan DefaultTimeLimit { get; init; } = TimeSpan.FromSeconds(900);

    /// <summary>How many times in a row a runtime API call may fail before the process gives up (the platform then restarts it). 3 by default.</summary>
    public int RuntimeApiAttempts { get; init; } = 3;

    /// <summary>The pause between two attempts at a runtime API call. 200 ms by default.</summary>
    public TimeSpan RuntimeApiRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The image-mode port; when not set, <c>SCF_IMAGE_PORT</c> or else 9000, the port SCF sends image-function
    /// invocations to.
    /// </summary>
    public int? ImagePort { get; init; }

    /// <summary>The image-mode listen host: <c>*</c> (every interface, as SCF requires) by default; tests use <c>127.0.0.1</c>.</summary>
    public string ImageHost { get; init; } = "*";

    /// <summary>Called with the port once the image-mode server listens.</summary>
    public Action<int>? ImageServerListening { get; init; }

    /// <summary>
    /// The safety margin for one time limit: the larger of <see cref="DeadlineSafetyMargin"/> and
    /// <see cref="DeadlineSafetyFraction"/> of the limit, but never more than half of it, so a very short limit
    /// still leaves the handler time to work.
    /// </summary>
    public TimeSpan SafetyMarginFor(TimeSpan timeLimit)
    {
        if (timeLimit <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var margin = TimeSpan.FromTicks(Math.Max(DeadlineSafetyMargin.Ticks, (long)(timeLimit.Ticks * DeadlineSafetyFraction)));
        return margin < timeLimit / 2 ? margin : timeLimit / 2;
    }
}
