using System.CommandLine;
using ImageExport.Cli.Hosting;
using ImageExport.Cli.Output;

namespace ImageExport.Cli.Commands;

/// <summary><c>imageexport wait JOB_ID [--timeout D]</c>: exits 0 when the job completes, 1 when it fails, 5 on timeout.</summary>
internal static class WaitCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var jobId = new Argument<string>("JOB_ID") { Description = "The job's ID (exp-…)" };
        var timeout = TimeoutOption();
        var command = new Command("wait", "Wait until a job completes (exit 0) or fails (exit 1)") { jobId, timeout };
        command.SetAction((parsed, cancellationToken) => CliApp.RunCommandAsync(host, parsed, globals, (context, ct) =>
            Follow.RunAsync(context, new JobWaiter(context.Client(), host), parsed.GetValue(jobId)!, parsed.GetValue(timeout), jsonLines: false, ct), cancellationToken));
        return command;
    }

    /// <summary><c>--timeout</c>: "90" (seconds), "90s", "15m", "2h", "1h30m".</summary>
    public static Option<TimeSpan?> TimeoutOption() => new("--timeout")
    {
        Description = "Give up waiting after this long (90s, 15m, 2h, 1h30m; a bare number is seconds): exit 5",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            var value = Units.ParseDuration(text);
            if (value is null)
            {
                result.AddError($"--timeout '{text}' is not a duration such as 90s, 15m, 2h or 1h30m");
            }

            return value;
        },
    };
}
