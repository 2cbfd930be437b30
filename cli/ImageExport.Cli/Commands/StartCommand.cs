using System.CommandLine;
using ImageExport.Cli.Api;
using ImageExport.Cli.Hosting;
using ImageExport.Cli.Output;
using Spectre.Console;

namespace ImageExport.Cli.Commands;

/// <summary>
/// <c>imageexport start IMAGE_ID… [--bucket B] [--format F] [--root-disk-only] [--prefix P] [--idempotency-key K]
/// [--dry-run] [--wait [--timeout D]]</c>.
/// </summary>
internal static class StartCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var imageIds = new Argument<string[]>("IMAGE_ID") { Description = "Custom images to export (img-…)", Arity = ArgumentArity.OneOrMore };
        var bucket = new Option<string?>("--bucket") { Description = "Export bucket <name>-<appid> (default: the service's)" };
        var format = new Option<string?>("--format") { Description = "File format (default raw)" };
        format.AcceptOnlyFromAmong("raw", "qcow2", "vhd", "vmdk");
        var rootDiskOnly = new Option<bool>("--root-disk-only") { Description = "Export the system disk only" };
        var prefix = new Option<string?>("--prefix") { Description = "Object name prefix (default: the job ID)" };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Repeat a start safely: the same key and request give the same job (generated and printed when not given)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every rule and record nothing; exit 3 when a rule refuses" };
        var wait = new Option<bool>("--wait") { Description = "Follow the job until it completes (exit 0) or fails (exit 1)" };
        var timeout = WaitCommand.TimeoutOption();
        var command = new Command("start", "Start exporting images to COS") { imageIds, bucket, format, rootDiskOnly, prefix, idempotencyKey, dryRun, wait, timeout };
        command.SetAction((parsed, cancellationToken) => CliApp.RunCommandAsync(host, parsed, globals, async (context, ct) =>
        {
            var request = new ExportRequest
            {
                ImageIds = parsed.GetValue(imageIds)!,
                Bucket = parsed.GetValue(bucket),
                Prefix = parsed.GetValue(prefix),
                Format = parsed.GetValue(format),
                OnlyRootDisk = parsed.GetValue(rootDiskOnly),
            };
            if (parsed.GetValue(timeout) is not null && !parsed.GetValue(wait))
            {
                throw new CliException(ExitCodes.Usage, "--timeout is how long --wait waits: add --wait, or leave --timeout out");
            }
            var client = context.Client();
            if (parsed.GetValue(dryRun))
            {
                return await DryRunAsync(context, client, request, ct).ConfigureAwait(false);
            }

            // Sent on every start, so the client's own retries (and a person running the command again with the key)
            // can never start a second export of the same images.
            var key = parsed.GetValue(idempotencyKey) ?? $"cli-{Guid.NewGuid():N}";
            context.Notice($"Idempotency-Key: {key} (run again with --idempotency-key {key} to repeat this start safely)");
            var answer = await client.StartAsync(request, key, ct).ConfigureAwait(false);
            var job = answer.Value;
            var replayed = answer.Headers.ContainsKey("Idempotent-Replayed");
            if (replayed)
            {
                context.Notice($"this key already started job {job.JobId}: showing that job, nothing new was started");
            }

            if (parsed.GetValue(wait))
            {
                if (!context.Json)
                {
                    context.Terminal.MarkupLine($"Job [bold]{Markup.Escape(job.JobId)}[/] accepted: {job.Images.Count} image(s) to {Markup.Escape(job.Bucket)}/{Markup.Escape(job.Prefix)} as {Markup.Escape(job.Format)}");
                }

                return await Follow.RunAsync(context, new JobWaiter(client, host), job.JobId, parsed.GetValue(timeout), jsonLines: false, ct).ConfigureAwait(false);
            }
            if (context.Json)
            {
                context.WriteJson(answer.Body);
            }
            else
            {
                JobTables.Job(context.Terminal, job);
                context.Terminal.MarkupLine($"Follow it: [bold]imageexport job {Markup.Escape(job.JobId)} --watch[/]");
            }
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static async Task<int> DryRunAsync(CommandContext context, ApiClient client, ExportRequest request, CancellationToken cancellationToken)
    {
        var answer = await client.DryRunAsync(request, cancellationToken).ConfigureAwait(false);
        var verdict = answer.Value;
        var problems = verdict.Problems.Concat(verdict.Images.SelectMany(i => i.Problems)).ToList();
        if (context.Json)
        {
            context.WriteJson(answer.Body);
        }
        else if (verdict.Exportable)
        {
            context.Terminal.MarkupLine($"[green]Dry run: every image can be exported[/] to {Markup.Escape(verdict.Bucket)} ({Markup.Escape(verdict.Region)}) as {Markup.Escape(verdict.Format)}; nothing was started.");
        }
        else
        {
            context.Terminal.MarkupLine($"[red]Dry run: the export would be refused[/] ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}); nothing was started.");
            context.Terminal.Write(JobTables.Problems(problems));
        }
        if (verdict.Exportable)
        {
            return ExitCodes.Ok;
        }

        if (context.Json)
        {
            foreach (var p in problems)
            {
                context.Host.Error.WriteLine($"  {p.ImageId ?? p.Bucket ?? "request"}: {p.Code}: {p.Message}");
            }
        }
        return ExitCodes.Refused;
    }
}
