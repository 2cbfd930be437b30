using System.Globalization;
using System.Text;
using ImageExport.Local.Emulator.Cvm;
using ImageExport.Local.Stack;
using ImageExport.Local.Stack.Triggers;

namespace ImageExport.Local;

/// <summary>What a newcomer reads when the stack is up: where everything listens, what each demo image shows, and what to paste.</summary>
internal static class Banner
{
    /// <summary>The image the printed curl exports: the demo catalog's first image that passes every rule.</summary>
    public const string ExportableDemoImage = "img-demolnx1";

    public static string Render(LocalSession session, LocalOptions options, RunningStack? stack)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var e = session.Endpoints;
        var emulator = session.Emulator;
        var state = Path.GetFullPath(options.StateDirectory);
        var text = new StringBuilder();
        text.AppendLine("ImageExport local stack is up.");
        text.AppendLine();
        text.AppendLine(stack is null
            ? $"  API (functions)   {e.Api}   (not listening: the functions are not wired into this build)"
            : $"  API (Function URL) {e.Api}   → {stack.HttpFunction?.Name ?? "no http trigger"} ({stack.HttpFunction?.Handler}), functions {(stack.Mode == FunctionsMode.InProcess ? "in process" : "as the packaged binary")}");
        if (stack?.HttpFunction is not null)
        {
            text.AppendLine($"  Web console        {ConsoleUrl(e.Api)}   open it in a browser; sign in with the API token below");
        }
        text.AppendLine($"  CVM API 3.0       {e.Cvm}   region {e.Region}, version {CvmEndpoint.Version}");
        text.AppendLine($"  COS (path-style)  {e.Cos}/<bucket>/<key>   APPID {e.AppId}");
        text.AppendLine($"  State             {state}");
        text.AppendLine($"  Endpoints & keys  {Path.Combine(state, LocalEndpoints.FileName)}   (SecretId {e.SecretId})");
        if (stack is not null)
        {
            text.AppendLine();
            text.AppendLine("  Functions, wired from serverless.yml:");
            foreach (var function in stack.Functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                text.AppendLine($"    {function.Name,-8} {function.Handler,-15} timeout {function.Timeout.TotalSeconds:0} s");
            }

            foreach (var timer in stack.Timers)
            {
                var when = timer.Interval is { } every
                    ? $"every {every.TotalSeconds:0.###} s (--timer-interval; serverless.yml says '{timer.CronExpression}')"
                    : $"cron '{timer.CronExpression}'";
                text.AppendLine($"    timer   {timer.Name} → {timer.Function}: {when}, next {NextFiring(timer)}");
            }

            foreach (var group in stack.CosTriggers.GroupBy(t => (t.Function, t.Bucket, t.Events)))
            {
                text.AppendLine($"    cos     {group.Key.Events} in {group.Key.Bucket}, keys ending {string.Join(" ", group.Select(t => t.Suffix.Length == 0 ? "(any)" : t.Suffix))} → {group.Key.Function}");
            }
        }

        if (stack is not null)
        {
            text.AppendLine();
            var schedules = stack.Timers.Where(t => t.Schedule is not null).ToList();
            text.AppendLine(schedules.Count == 0
                ? "  Schedules: none (a timer trigger on start whose argument is a schedule; serverless.yml has a commented example)"
                : "  Schedules (timer triggers whose argument is a schedule; cron read in " + schedules[0].CronZone.Id + "):");
            foreach (var timer in schedules)
            {
                text.AppendLine($"    {timer.Schedule,-20} cron '{timer.CronExpression}'   next {NextFiring(timer)}   (trigger {timer.Name} → {timer.Function})");
            }
        }

        text.AppendLine();
        text.AppendLine("  Buckets:");
        foreach (var bucket in emulator.Cos.Storage.Buckets)
        {
            var shows = bucket.Settings.Region != e.Region ? $"another region: refused (bucket.regionMismatch)"
                : bucket.Settings.WriterRoles.Count == 0 ? "the export role may not write it: refused (bucket.permissionDenied)"
                : "exports by " + string.Join(", ", bucket.Settings.WriterRoles) + (bucket.Name == e.Bucket ? " (the default)" : "");
            text.AppendLine($"    {bucket.Name,-28} {bucket.Settings.Region,-14} {shows}");
        }

        text.AppendLine($"    {"any-other-" + e.AppId,-28} {"",-14} does not exist: refused (bucket.notFound)");
        text.AppendLine();
        text.AppendLine($"  Images ({(options.ImagesFile is null ? "demo catalog" : options.ImagesFile)}):");
        if (options.ImagesFile is null)
        {
            foreach (var (imageId, shows) in DemoCatalog.Descriptions)
            {
                text.AppendLine($"    {imageId}  {shows}");
            }
        }
        else
        {
            foreach (var image in ImageCatalog.ReadFile(options.ImagesFile).Take(20))
            {
                text.AppendLine($"    {image?["ImageId"]}  {image?["ImageName"]}  ({image?["ImageType"]}, {image?["ImageState"]})");
            }
        }

        text.AppendLine();
        text.AppendLine($"  Exports take {options.ExportSecondsPerGib} s per GiB, {options.ExportLimit} at a time, named the {options.ExportNaming.ToString().ToLowerInvariant()} way.");
        if (stack is not null)
        {
            var notifications = stack.Notifications.Path;
            text.AppendLine($"  API token         {e.ApiToken}");
            text.AppendLine($"  Notifications     the webhook channel posts to {stack.WebhookUrl} (signature checked);");
            text.AppendLine($"                    every delivery is appended to {notifications}");
            text.AppendLine();
            text.AppendLine("  Try it (paste into another terminal):");
            var image = options.ImagesFile is null ? ExportableDemoImage : "img-xxxxxxxx";
            text.AppendLine($"    # 1. start an export of {image} into {e.Bucket}; the answer (202) holds the jobId");
            text.AppendLine($"    {StartCurl(e.Api, e.ApiToken, image, e.Bucket)}");
            text.AppendLine("    # 2. follow the job: queued → exporting → completed (put the jobId from step 1)");
            text.AppendLine($"    curl -s {e.Api}/exports/JOB_ID -H \"Authorization: Bearer {e.ApiToken}\"");
            text.AppendLine("    # 3. its notification, once the files have landed");
            text.AppendLine($"    tail -f {notifications}");
            text.AppendLine($"  Also: GET {e.Api}/images lists every image with its problems; add \"dryRun\":true to check without exporting.");
        }

        text.AppendLine("  Stop with Ctrl+C. Logs follow as JSON lines (look for \"JobId\").");
        return text.ToString();
    }

    /// <summary>The next firing in UTC and, for a cron, in the zone the cron is read in.</summary>
    private static string NextFiring(WiredTimer timer)
    {
        if (timer.NextFiring() is not { } next)
        {
            return "never (no occurrence left)";
        }

        var utc = next.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
        if (timer.Interval is not null)
        {
            return utc;
        }

        var local = TimeZoneInfo.ConvertTime(next, timer.CronZone);
        return $"{utc} ({local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {timer.CronZone.Id})";
    }

    /// <summary>Where the start function serves its web console (<c>GET /</c>).</summary>
    public static string ConsoleUrl(string api) => api.TrimEnd('/') + "/";

    /// <summary>The <c>POST /exports</c> a newcomer pastes.</summary>
    public static string StartCurl(string api, string token, string imageId, string bucket) =>
        $"curl -s -X POST {api}/exports -H \"Authorization: Bearer {token}\" -H 'Content-Type: application/json' " +
        $"-d '{{\"imageIds\":[\"{imageId}\"],\"bucket\":\"{bucket}\",\"format\":\"qcow2\"}}'";
}
