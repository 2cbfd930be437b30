using System.CommandLine;
using ImageExport.Cli.Api;
using ImageExport.Cli.Hosting;
using ImageExport.Cli.Output;
using Spectre.Console;

namespace ImageExport.Cli.Commands;

/// <summary><c>imageexport job JOB_ID [--watch]</c>: where each image and file stands; with --watch, until it ends.</summary>
internal static class JobCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var jobId = new Argument<string>("JOB_ID") { Description = "The job's ID (exp-…)" };
        var watch = new Option<bool>("--watch") { Description = "Follow the job until it completes or fails (JSON: one line per change)" };
        var command = new Command("job", "Show one export job") { jobId, watch };
        command.SetAction((parsed, cancellationToken) => CliApp.RunCommandAsync(host, parsed, globals, async (context, ct) =>
        {
            var id = parsed.GetValue(jobId)!;
            var client = context.Client();
            if (!parsed.GetValue(watch))
            {
                var answer = await client.JobAsync(id, ct).ConfigureAwait(false);
                if (context.Json)
                {
                    context.WriteJson(answer.Body);
                }
                else
                {
                    JobTables.Job(context.Terminal, answer.Value);
                }

                return ExitCodes.Ok;
            }
            return await Follow.RunAsync(context, new JobWaiter(client, host), id, null, jsonLines: true, ct).ConfigureAwait(false);
        }, cancellationToken));
        return command;
    }
}

/// <summary>Following a job to its end, shared by <c>job --watch</c>, <c>wait</c> and <c>start --wait</c>.</summary>
internal static class Follow
{
    /// <param name="jsonLines">JSON output: a line for every change (<c>--watch</c>), or only the last document.</param>
    public static async Task<int> RunAsync(CommandContext context, JobWaiter waiter, string jobId, TimeSpan? timeout, bool jsonLines, CancellationToken cancellationToken)
    {
        WaitOutcome outcome;
        if (context.Json)
        {
            string? previous = null;
            outcome = await waiter.WaitAsync(jobId, timeout, answer =>
            {
                if (jsonLines && answer.Body != previous)
                {
                    context.WriteJson(answer.Body);
                }

                previous = answer.Body;
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            if (!jsonLines && outcome.Last is { } last)
            {
                context.WriteJson(last.Body);
            }
        }
        else
        {
            context.Terminal.MarkupLine($"Following job [bold]{Markup.Escape(jobId)}[/] (Ctrl-C stops watching; the export goes on)");
            outcome = await LiveProgress.RunAsync(context.Terminal, update => waiter.WaitAsync(jobId, timeout, answer => update(answer.Value), cancellationToken)).ConfigureAwait(false);
            if (outcome.Last?.Value is { } job)
            {
                if (job.State == JobStates.Completed)
                {
                    JobTables.Summary(context.Terminal, job);
                }
                else
                {
                    JobTables.Job(context.Terminal, job);
                }
            }
        }

        if (outcome.TimedOut)
        {
            context.Notice($"job {jobId} is still {outcome.Last?.Value.State ?? "unknown"} after {Units.Duration(timeout ?? TimeSpan.Zero)}; the export goes on (`imageexport wait {jobId}`)");
        }
        else if (outcome.Last?.Value is { State: JobStates.Failed } failed)
        {
            context.Notice($"job {jobId} failed: {failed.Reason ?? string.Join("; ", failed.Images.Select(i => i.Reason).OfType<string>())}");
        }
        return outcome.ExitCode;
    }
}
