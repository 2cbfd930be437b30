using System.CommandLine;
using ImageExport.Cli.Commands;

namespace ImageExport.Cli.Hosting;

/// <summary>The options every command takes (design.md: <c>--url</c>, <c>--token</c>, <c>--json</c>).</summary>
internal sealed record GlobalOptions(Option<string?> Url, Option<string?> Token, Option<bool> Json)
{
    public static GlobalOptions Create() => new(
        new Option<string?>("--url") { Description = "The service's URL (the Function URL); else IMAGEEXPORT_URL, else the config file", Recursive = true },
        new Option<string?>("--token") { Description = "API token; prefer IMAGEEXPORT_TOKEN or `imageexport configure` (argv is visible to other users)", Recursive = true },
        new Option<bool>("--json") { Description = "Machine-readable output (the default when stdout is not a terminal)", Recursive = true });
}

/// <summary><c>imageexport</c>: parses the command line and runs one command; the result is the process's exit code.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        var globals = GlobalOptions.Create();
        var root = new RootCommand("imageexport: export Tencent CVM custom images to COS through the ImageExport service.\n" +
            "Exit codes: 0 ok/completed, 1 export failed, 2 usage, 3 refused by a rule, 4 authentication, 5 --wait timed out, 6 service unreachable.");
        root.Options.Add(globals.Url);
        root.Options.Add(globals.Token);
        root.Options.Add(globals.Json);
        root.Subcommands.Add(ImagesCommand.Create(globals, host));
        root.Subcommands.Add(StartCommand.Create(globals, host));
        root.Subcommands.Add(JobsCommand.Create(globals, host));
        root.Subcommands.Add(JobCommand.Create(globals, host));
        root.Subcommands.Add(WaitCommand.Create(globals, host));
        root.Subcommands.Add(ConfigureCommand.Create(globals, host));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                host.Error.WriteLine($"imageexport: {error.Message}");
            }

            host.Error.WriteLine("imageexport: see `imageexport --help`");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Runs a command's body with its context; every way it can end becomes an exit code and a message.</summary>
    public static async Task<int> RunCommandAsync(
        CliHost host, ParseResult parsed, GlobalOptions globals, Func<CommandContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        using var context = new CommandContext(host, parsed.GetValue(globals.Url), parsed.GetValue(globals.Token), parsed.GetValue(globals.Json));
        try
        {
            return await body(context, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            Report(context, ex);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Notice("interrupted (an export already started goes on in the cloud: `imageexport wait JOB_ID`)");
            return ExitCodes.Interrupted;
        }
    }

    private static void Report(CommandContext context, CliException ex)
    {
        if (context.Json)
        {
            // The service's error as it sent it, or one in the same shape, so a pipeline reads one kind of error.
            if (ex.RawBody is { } raw)
            {
                context.WriteJson(raw);
            }
            else
            {
                context.WriteJson(new System.Text.Json.Nodes.JsonObject
                {
                    ["error"] = new System.Text.Json.Nodes.JsonObject { ["code"] = CodeOf(ex.ExitCode), ["message"] = ex.Message },
                });
            }
        }
        context.Notice(ex.Message);
        if (ex.Error?.Problems is { Count: > 0 } problems)
        {
            foreach (var p in problems)
            {
                context.Host.Error.WriteLine($"  {p.ImageId ?? p.Bucket ?? "request"}: {p.Code}: {p.Message}");
            }
        }
        if (ex.Error?.Fields is { Count: > 0 } fields)
        {
            context.Host.Error.WriteLine($"  fields at fault: {string.Join(", ", fields)}");
        }

        context.Host.Error.Flush();
    }

    private static string CodeOf(int exitCode) => exitCode switch
    {
        ExitCodes.Usage => "Usage",
        ExitCodes.Authentication => "Unauthorized",
        ExitCodes.Unavailable => "Unavailable",
        ExitCodes.WaitTimedOut => "WaitTimedOut",
        _ => "Failed",
    };
}
