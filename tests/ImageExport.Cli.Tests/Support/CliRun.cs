using System.Text.Json.Nodes;
using ImageExport.Cli.Api;
using ImageExport.Cli.Hosting;
using Spectre.Console;
using ImageExport.Testing.Stack;

namespace ImageExport.Cli.Tests.Support;

/// <summary>What one run of <c>imageexport</c> left behind.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout as the one JSON document machine-readable output promises.</summary>
    public JsonObject Json() => JsonNode.Parse(Stdout)?.AsObject() ?? throw new InvalidOperationException("stdout is not JSON: " + Stdout);

    /// <summary>Stdout as JSON lines (<c>--watch</c>).</summary>
    public IReadOnlyList<JsonObject> JsonLines() =>
        [.. Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the CLI in process as a pipeline would run it: stdout not a terminal, settings from the environment.</summary>
internal sealed class CliRun
{
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    public HttpMessageHandler Handler { get; init; } = new RecordingHandler();

    public RetrySettings Retry { get; init; } = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        AttemptTimeout = TimeSpan.FromSeconds(10),
    };

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Draw as for a person (tables, bars) instead of JSON.</summary>
    public bool Terminal { get; init; }

    public string Stdin { get; init; } = "";

    public static CliRun Against(TestStack stack, RecordingHandler? handler = null)
    {
        var run = new CliRun { Handler = handler ?? new RecordingHandler() };
        run.Environment["IMAGEEXPORT_URL"] = stack.ApiUrl;
        run.Environment["IMAGEEXPORT_TOKEN"] = stack.Token;
        // Never the real user's file.
        run.Environment["IMAGEEXPORT_CONFIG"] = Path.Combine(Path.GetTempPath(), $"imageexport-cli-test-{Guid.NewGuid():N}", "config.json");
        return run;
    }

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var terminal = Terminal
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No })
            : null;
        // A wide terminal, so object keys are not wrapped across table rows.
        if (terminal is not null)
        {
            terminal.Profile.Width = 400;
        }

        var host = new CliHost
        {
            Out = TextWriter.Synchronized(stdout),
            Error = TextWriter.Synchronized(stderr),
            In = new StringReader(Stdin),
            Environment = name => Environment.TryGetValue(name, out var value) ? value : null,
            OutputIsTerminal = Terminal,
            Terminal = terminal,
            Handler = Handler,
            Retry = Retry,
            PollInterval = PollInterval,
        };
        var exit = await CliApp.RunAsync(args, host, cancellationToken);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
