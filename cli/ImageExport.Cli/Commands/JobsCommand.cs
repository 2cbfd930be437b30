using System.CommandLine;
using ImageExport.Cli.Hosting;
using ImageExport.Cli.Output;
using Spectre.Console;

namespace ImageExport.Cli.Commands;

/// <summary><c>imageexport jobs [--state S] [--limit N]</c>: the newest jobs first.</summary>
internal static class JobsCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var state = new Option<string?>("--state") { Description = "Only jobs in this state" };
        state.AcceptOnlyFromAmong("queued", "exporting", "completed", "failed");
        var limit = new Option<int?>("--limit") { Description = "At most this many jobs (1 to 100; the service's default is 20)" };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 1 or > 100)
            {
                result.AddError("--limit must be from 1 to 100");
            }
        });
        var command = new Command("jobs", "List export jobs, newest first") { state, limit };
        command.SetAction((parsed, cancellationToken) => CliApp.RunCommandAsync(host, parsed, globals, async (context, ct) =>
        {
            var answer = await context.Client().JobsAsync(parsed.GetValue(state), parsed.GetValue(limit), null, ct).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(answer.Body);
                return ExitCodes.Ok;
            }
            if (answer.Value.Jobs.Count == 0)
            {
                context.Terminal.MarkupLine("No jobs.");
                return ExitCodes.Ok;
            }
            context.Terminal.Write(JobTables.Jobs(answer.Value.Jobs));
            if (answer.Value.NextCursor is not null)
            {
                context.Terminal.MarkupLine("[grey]More jobs exist; raise --limit (at most 100) to see them.[/]");
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
