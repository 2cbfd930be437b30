using ImageExport.Local;
using ImageExport.Local.Stack;
using Serilog.Events;

namespace ImageExport.Testing.Stack;

/// <summary>How a <see cref="TestStack"/> runs; each default is what most tests want.</summary>
internal sealed record TestStackOptions
{
    /// <summary>Asynchronous invocations retried after 0.1 s and 0.2 s (SCF waits minutes), so a retry lands within a test.</summary>
    public static IReadOnlyList<TimeSpan> FastRetries { get; } = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)];

    /// <summary>
    /// The session's options. The state directory and the ports are always the stack's own (a fresh folder, a free API
    /// port, any CVM and COS port). Exports take 0.02 s per GiB unless told otherwise: fast, yet slow enough that the
    /// files land after start has answered, as they do on CVM.
    /// </summary>
    public LocalOptions Local { get; init; } = new() { ExportSecondsPerGib = 0.02 };

    /// <summary>The SCF-like stack's options; a <c>null</c> <see cref="LocalStackOptions.ServerlessFile"/> means the repository's.</summary>
    public LocalStackOptions Stack { get; init; } = new() { AsyncRetryDelays = FastRetries };

    /// <summary>The lowest level <see cref="TestStack.Log"/> keeps.</summary>
    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Warning;
}
