using System.Globalization;
using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.Faults;

namespace ImageExport.Local;

/// <summary>How the functions run in the local stack.</summary>
internal enum FunctionsMode
{
    /// <summary>The handlers run in this process.</summary>
    InProcess,

    /// <summary>The packaged binary runs as SCF runs it, through the runtime API.</summary>
    Process,
}

/// <summary>The options of <c>dotnet run --project local</c> (the design's local-stack contract, plus a few for the emulator).</summary>
internal sealed record LocalOptions
{
    public const string Usage = """
        Usage: dotnet run --project local -- [options]

        Starts, on 127.0.0.1, the emulated CVM API and COS and the three functions wired as serverless.yml says, then writes
        <state-dir>/endpoints.json with the URLs and the local credentials.

          --state-dir DIR                where buckets, jobs, credentials and logs live (default .local)
          --images FILE                  JSON array of CVM Image objects replacing the demo catalog
          --api-port N                   the functions' HTTP API, the Function URL gateway (default 9000)
          --cvm-port N                   the emulated CVM API (default 9100; 0 picks a free port)
          --cos-port N                   the emulated COS (default 9200; 0 picks a free port)
          --functions inproc|process     run the handlers in this process, or the packaged binary through an
                                         emulated SCF runtime API (run `bash deploy/package.sh` first) (default inproc)
          --timer-interval SECONDS       fire the poll timer this often instead of its cron (schedules keep theirs)
          --export-seconds-per-gib X     how long an emulated export takes per GiB of disk (default 0.1)
          --export-naming api|console    name exported files as the API documents (<prefix>_<imageId>_system_<snap>.raw)
                                         or as the console guide shows (<prefix>_xvda.raw) (default api)
          --export-limit N               how many images may export at once (default 2)
          --deploy-proxy-port N          also emulate what a deploy calls (SCF and tag APIs, COS by bucket domain) behind an
                                         HTTPS proxy on this port; its CA is <state-dir>/deploy/proxy-ca.pem (README "Deploy")
          --wiring serverless|deployed   wire the functions from serverless.yml, or from what was deployed into this
                                         state directory's emulated SCF (code package, environment, triggers)
                                         (default serverless)
          --describe-wiring FILE         write what the functions were wired from (handlers, memory, timeouts,
                                         environment, triggers) to FILE as JSON, before the emulator's addresses
          --cos-event-names documented|operation|mixed
                                         eventName of COS trigger events: cos:ObjectCreated:* as Tencent documents,
                                         the operation (cos:ObjectCreated:Put…), or both by turns (default documented)
          --faults FILE                  inject faults (JSON: per CVM action and COS operation throttling, errors,
                                         latency, timeouts, lost answers; COS events duplicated, delayed, reordered,
                                         dropped; a seed): see docs/reliability.md
          --help                         this text
        """;

    private static readonly string[] Names =
        ["--state-dir", "--images", "--api-port", "--cvm-port", "--cos-port", "--functions", "--timer-interval", "--export-seconds-per-gib", "--export-naming", "--export-limit", "--faults", "--deploy-proxy-port", "--wiring", "--describe-wiring", "--cos-event-names"];

    public string StateDirectory { get; init; } = ".local";

    public string? ImagesFile { get; init; }

    public int ApiPort { get; init; } = 9000;

    public int CvmPort { get; init; } = 9100;

    public int CosPort { get; init; } = 9200;

    public FunctionsMode Functions { get; init; } = FunctionsMode.InProcess;

    /// <summary><c>null</c>: the timer follows its cron from serverless.yml.</summary>
    public TimeSpan? TimerInterval { get; init; }

    public double ExportSecondsPerGib { get; init; } = 0.1;

    public ExportNaming ExportNaming { get; init; } = ExportNaming.Api;

    public int ExportLimit { get; init; } = 2;

    public CosEventNames CosEventNames { get; init; } = CosEventNames.Documented;

    /// <summary>The <c>--faults</c> file, read when the emulator starts.</summary>
    public string? FaultsFile { get; init; }

    /// <summary>A plan built in code (tests); wins over <see cref="FaultsFile"/>.</summary>
    public FaultPlan? Faults { get; init; }

    public bool ShowHelp { get; init; }

    /// <summary>The port of the deploy proxy (<c>--deploy-proxy-port</c>); <c>null</c>: no deploy API.</summary>
    public int? DeployProxyPort { get; init; }

    /// <summary>Wire the functions from what was deployed into the emulated SCF instead of serverless.yml.</summary>
    public bool WireFromDeployed { get; init; }

    /// <summary>Where to write the wiring as read (<c>--describe-wiring</c>); <c>null</c>: nowhere.</summary>
    public string? DescribeWiringFile { get; init; }

    /// <summary>Parses <c>--name value</c> and <c>--name=value</c>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static LocalOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new LocalOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                (arg, inline) = (arg[..eq], arg[(eq + 1)..]);
            }

            if (arg is "--help" or "-h")
            {
                options = options with { ShowHelp = true };
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unexpected argument '{arg}'";
                return null;
            }

            if (!Names.Contains(arg))
            {
                error = $"unknown option '{arg}'";
                return null;
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                error = $"{arg} needs a value";
                return null;
            }

            options = Apply(options, arg, value, out error);
            if (error is not null)
            {
                return null;
            }
        }

        return options;
    }

    private static LocalOptions Apply(LocalOptions options, string name, string value, out string? error)
    {
        error = null;
        switch (name)
        {
            case "--state-dir" when value.Length > 0:
                return options with { StateDirectory = value };
            case "--images" when value.Length > 0:
                return options with { ImagesFile = value };
            // The API's address goes into endpoints.json and the functions' webhook URL before it listens: no port 0.
            case "--api-port" when Port(value) is { } port && port > 0:
                return options with { ApiPort = port };
            case "--cvm-port" when Port(value) is { } port:
                return options with { CvmPort = port };
            case "--cos-port" when Port(value) is { } port:
                return options with { CosPort = port };
            case "--functions" when value is "inproc" or "process":
                return options with { Functions = value == "inproc" ? FunctionsMode.InProcess : FunctionsMode.Process };
            case "--timer-interval" when Number(value) is > 0 and var seconds:
                return options with { TimerInterval = TimeSpan.FromSeconds(seconds) };
            case "--export-seconds-per-gib" when Number(value) is >= 0 and var seconds:
                return options with { ExportSecondsPerGib = seconds };
            case "--export-naming" when value is "api" or "console":
                return options with { ExportNaming = value == "api" ? ExportNaming.Api : ExportNaming.Console };
            case "--deploy-proxy-port" when Port(value) is { } port && port > 0:
                return options with { DeployProxyPort = port };
            case "--wiring" when value is "serverless" or "deployed":
                return options with { WireFromDeployed = value == "deployed" };
            case "--describe-wiring" when value.Length > 0:
                return options with { DescribeWiringFile = value };
            case "--cos-event-names" when value is "documented" or "operation" or "mixed":
                return options with
                {
                    CosEventNames = value switch { "documented" => CosEventNames.Documented, "operation" => CosEventNames.Operation, _ => CosEventNames.Mixed },
                };
            case "--faults" when value.Length > 0:
                return options with { FaultsFile = value };
            case "--export-limit" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit):
                return options with { ExportLimit = limit };
            default:
                error = $"{name}: '{value}' is not a valid value ({Expected(name)})";
                return options;
        }
    }

    private static string Expected(string name) => name switch
    {
        "--api-port" or "--deploy-proxy-port" => "a port number 1-65535",
        "--wiring" => "serverless or deployed",
        "--cvm-port" or "--cos-port" => "a port number 0-65535",
        "--functions" => "inproc or process",
        "--export-naming" => "api or console",
        "--cos-event-names" => "documented, operation or mixed",
        "--timer-interval" => "a positive number of seconds",
        "--export-seconds-per-gib" => "a number of seconds, 0 or more",
        "--export-limit" => "a whole number, 0 or more",
        _ => "a non-empty path",
    };

    private static int? Port(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port : null;

    private static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;
}
