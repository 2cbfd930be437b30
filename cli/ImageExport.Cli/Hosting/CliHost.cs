using ImageExport.Cli.Api;
using Spectre.Console;

namespace ImageExport.Cli.Hosting;

/// <summary>Everything a run of the CLI touches outside itself, so tests can run it in process.</summary>
internal sealed record CliHost
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public TextReader In { get; init; } = TextReader.Null;
    public required Func<string, string?> Environment { get; init; }

    /// <summary>A person is reading: bars and tables. Otherwise JSON.</summary>
    public bool OutputIsTerminal { get; init; }
    public bool InputIsTerminal { get; init; }

    /// <summary>The terminal to draw on; by default one over <see cref="Out"/>.</summary>
    public IAnsiConsole? Terminal { get; init; }

    /// <summary>Tests route requests elsewhere; null is the ordinary socket handler.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public RetrySettings Retry { get; init; } = new();

    /// <summary>How often <c>wait</c>, <c>--wait</c> and <c>--watch</c> read the job.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CliHost FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        Environment = System.Environment.GetEnvironmentVariable,
        OutputIsTerminal = !Console.IsOutputRedirected,
        InputIsTerminal = !Console.IsInputRedirected,
    };
}
