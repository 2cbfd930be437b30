using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Bench;

// bench/run.sh builds the three runtimes and passes: <repo root> <cold runs> <warm runs>.
var root = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
var trace = args.Length > 1 && args[1] == "trace";
var progressOnly = args.Length > 1 && args[1] == "progress";
var pollOnly = args.Length > 1 && args[1] == "poll";
var coldRuns = args.Length > 1 && !trace && !progressOnly && !pollOnly ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var warmRuns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40;
Instance.Verbose = Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1";

var runtimes = new Dictionary<string, Runtime>
{
    ["aot"] = new("ImageExport (Native AOT)", Path.Combine(root, "artifacts/scf-package/bootstrap"), [], Path.Combine(root, "artifacts/scf-package")),
    ["jit"] = new("ImageExport (JIT)", Path.Combine(root, "bench/.out/jit/image-export"), [], Path.Combine(root, "bench/.out/jit")),
    ["node"] = new("Node.js + official SDKs", "node", ["index.js"], Path.Combine(root, "bench/peers/node")),
};
var events = new Events(Path.Combine(root, "tests", "fixtures", "events"));
var report = new Report();
var work = Directory.CreateTempSubdirectory("image-export-bench-");
try
{
    if (progressOnly)
    {
        // Only the progress-sampling section: it replaces its part of RESULTS.md (appended when there is none yet).
        await new ProgressBench(events, work.FullName).RunAsync([100, 1_000, 10_000], [1, 10, 100], report);
        await ReplaceSectionAsync(Path.Combine(root, "bench/RESULTS.md"), Report.ProgressStart, Report.ProgressEnd, report.RenderProgress(Machine.Describe()));
        return;
    }

    if (pollOnly)
    {
        // Only the poll-tick section (the Native AOT package must be built): it replaces its part of RESULTS.md.
        await using var emulator = await Emulator.StartAsync(Path.Combine(work.FullName, "poll"), Catalog.Images(10), exportSecondsPerGib: 100_000);
        await new PollBench(emulator, events, Env.For(emulator, maxConcurrent: 1), runtimes["aot"]).RunAsync([100, 1_000, 10_000], report);
        await ReplaceSectionAsync(Path.Combine(root, "bench/RESULTS.md"), Report.PollStart, Report.PollEnd, report.RenderPoll(Machine.Describe()));
        return;
    }

    if (trace)
    {
        // Where the time of a warm start goes; writes nothing to RESULTS.md.
        await using var emulator = await Emulator.StartAsync(Path.Combine(work.FullName, "trace"), Catalog.Images(2000), exportSecondsPerGib: 0.05);
        Console.WriteLine(await new StartTrace(Path.Combine(work.FullName, "trace"), emulator, events, Env.For(emulator, maxConcurrent: 0), runtimes["aot"]).RunAsync(warmRuns));
        return;
    }

    await using (var emulator = await Emulator.StartAsync(Path.Combine(work.FullName, "handlers"), Catalog.Images(2000), exportSecondsPerGib: 0.05))
    {
        var env = Env.For(emulator, maxConcurrent: 0);
        var handlers = new HandlerBench(emulator, events, env, coldRuns, warmRuns);
        foreach (var key in new[] { "aot", "jit", "node" })
        {
            await handlers.StartAsync(key, runtimes[key], report);
        }

        foreach (var key in new[] { "aot", "jit" })
        {
            await handlers.ConsoleAsync(key, runtimes[key], report);
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // the exports land
        foreach (var key in new[] { "aot", "jit" })
        {
            await handlers.NotifyAsync(key, runtimes[key], report);
            await handlers.PollColdAsync(key, runtimes[key], report);
        }
    }

    await using (var emulator = await Emulator.StartAsync(Path.Combine(work.FullName, "poll"), Catalog.Images(10), exportSecondsPerGib: 100_000))
    {
        await new PollBench(emulator, events, Env.For(emulator, maxConcurrent: 1), runtimes["aot"]).RunAsync([100, 1_000, 10_000], report);
    }

    await new ProgressBench(events, work.FullName).RunAsync([100, 1_000, 10_000], [1, 10, 100], report);

    var zip = Path.Combine(root, "artifacts/image-export-scf.zip");
    report.ZipBytes = new FileInfo(zip).Length;
    report.BinaryBytes = new FileInfo(Path.Combine(root, "artifacts/scf-package/image-export")).Length;
    var text = report.Render(Machine.Describe(), coldRuns, warmRuns);
    Console.WriteLine(text);
    await File.WriteAllTextAsync(Path.Combine(root, "bench/RESULTS.md"), text);
}
finally
{
    work.Delete(recursive: true);
}

internal static partial class Program
{
    /// <summary>Replaces the part of <paramref name="path"/> between the markers with <paramref name="section"/> (appended when they are not there).</summary>
    private static async Task ReplaceSectionAsync(string path, string start, string end, string section)
    {
        Console.WriteLine(section);
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var from = existing.IndexOf(start, StringComparison.Ordinal);
        var to = existing.IndexOf(end, StringComparison.Ordinal);
        existing = from >= 0 && to > from
            ? existing[..from] + section.TrimEnd() + existing[(to + end.Length)..]
            : existing.TrimEnd() + "\n\n" + section;
        await File.WriteAllTextAsync(path, existing);
    }
}

internal static class Catalog
{
    /// <summary>Exportable Linux images of 1 GiB, so every start request exports one nobody is exporting yet.</summary>
    public static JsonArray Images(int count)
    {
        var images = new JsonArray();
        for (var n = 0; n < count; n++)
        {
            var id = "bn" + n.ToString("D6", CultureInfo.InvariantCulture);
            images.Add(new JsonObject
            {
                ["ImageId"] = "img-" + id,
                ["ImageName"] = "bench-" + id,
                ["OsName"] = "TencentOS Server 3.1 (TK4)",
                ["Platform"] = "TencentOS",
                ["ImageType"] = "PRIVATE_IMAGE",
                ["ImageState"] = "NORMAL",
                ["ImageSize"] = 1,
                ["Architecture"] = "x86_64",
                ["SnapshotSet"] = new JsonArray(new JsonObject { ["SnapshotId"] = "snap-" + id, ["DiskUsage"] = "SYSTEM_DISK", ["DiskSize"] = 1 }),
            });
        }
        // The emulator reads numbers as parsed JSON does.
        return JsonNode.Parse(images.ToJsonString())!.AsArray();
    }
}

internal static class Env
{
    public const string Token = "bench-token-0123456789abcdef";

    public static Dictionary<string, string> For(Emulator emulator, int maxConcurrent) => new()
    {
        ["TENCENTCLOUD_SECRETID"] = emulator.Credentials.SecretId,
        ["TENCENTCLOUD_SECRETKEY"] = emulator.Credentials.SecretKey,
        ["TENCENTCLOUD_REGION"] = emulator.Region,
        ["TENCENTCLOUD_APPID"] = emulator.AppId,
        ["IMAGEEXPORT_CVM_ENDPOINT"] = emulator.Cvm.ToString(),
        ["IMAGEEXPORT_COS_ENDPOINT"] = emulator.Cos.ToString(),
        ["IMAGEEXPORT_API_TOKENS"] = Token,
        ["IMAGEEXPORT_DEFAULT_BUCKET"] = emulator.Bucket,
        ["IMAGEEXPORT_STATE_BUCKET"] = emulator.Bucket,
        ["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = maxConcurrent.ToString(CultureInfo.InvariantCulture),
    };
}

internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKib = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return $"{Environment.ProcessorCount} CPUs ({cpu}), {memKib / 1024 / 1024.0:F1} GiB memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; " +
               $"dotnet {Run("dotnet", "--version")}, node {Run("node", "--version")}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }

    private static string Run(string command, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(command, argument) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
