using ImageExport.Cli.Api;
using Spectre.Console;

namespace ImageExport.Cli.Output;

/// <summary>
/// One bar per exported file while a person watches: bytes, percent and ETA where the service observed them
/// (the job's <c>progress</c>), otherwise the file's state.
/// </summary>
internal sealed class LiveProgress
{
    private readonly Dictionary<string, ProgressTask> _bars = new(StringComparer.Ordinal);

    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<Func<Job, Task>, Task<T>> wait)
    {
        var live = new LiveProgress();
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                result = await wait(job =>
                {
                    live.Update(context, job);
                    context.Refresh();
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }

    private void Update(ProgressContext context, Job job)
    {
        foreach (var image in job.Images)
        {
            foreach (var file in image.Files)
            {
                if (!_bars.TryGetValue(file.Key, out var bar))
                {
                    bar = context.AddTask(Describe(job, image, file), maxValue: 1);
                    _bars[file.Key] = bar;
                }
                bar.Description = Describe(job, image, file);
                if (file.State == "landed")
                {
                    bar.IsIndeterminate = false;
                    bar.MaxValue = Math.Max(1, file.Size ?? 1);
                    bar.Value = bar.MaxValue;
                    bar.StopTask();
                }
                else if (file.Progress is { ExpectedBytes: > 0 } progress)
                {
                    bar.IsIndeterminate = false;
                    bar.MaxValue = progress.ExpectedBytes.Value;
                    bar.Value = Math.Min(progress.Bytes, progress.ExpectedBytes.Value);
                }
                else if (image.State == JobStates.Failed)
                {
                    bar.IsIndeterminate = false;
                    bar.StopTask();
                }
                else
                {
                    // Nothing observed yet, or a format whose final size is unknown (QCOW2, VMDK).
                    bar.IsIndeterminate = true;
                }
            }
        }
    }

    private static string Describe(Job job, JobImage image, JobFile file)
    {
        // "<prefix>_<imageId>_system_<snapshot>.<format>": the bar already names the image, the summary the whole key.
        var named = $"{job.Prefix}_{image.ImageId}_";
        var name = file.Key.StartsWith(named, StringComparison.Ordinal) ? file.Key[named.Length..] : file.Key;
        var detail = file.State == "landed" ? $"[green]landed[/] {Units.Bytes(file.Size ?? 0)}"
            : image.State == JobStates.Failed ? $"[red]failed[/] {Markup.Escape(image.Reason ?? "")}"
            : file.Progress is not null ? Markup.Escape(JobTables.Progress(file))
            : image.State == "queued" ? "[yellow]queued[/]"
            : Markup.Escape(file.State);
        if (image.Stalled == true)
        {
            detail += $" [yellow]stalled since {image.LastProgressAt:HH:mm:ss}[/]";
        }

        return $"{Markup.Escape(image.ImageId)} {Markup.Escape(name)}  {detail}";
    }
}
