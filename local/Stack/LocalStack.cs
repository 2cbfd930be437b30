using System.Security.Cryptography;
using ImageExport.Core.Hosting;
using ImageExport.Core.Notifications;
using ImageExport.Local.Emulator;
using ImageExport.Local.Stack.Deployed;
using ImageExport.Local.Stack.Functions;
using ImageExport.Local.Stack.Gateway;
using ImageExport.Local.Stack.Notifications;
using ImageExport.Local.Stack.Serverless;
using ImageExport.Local.Stack.Triggers;
using ImageExport.Scf.Events;
using Microsoft.AspNetCore.Http;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Local.Stack;

/// <summary>
/// The functions of the local stack, wired from serverless.yml: handlers and environment (pointed at the emulator),
/// the Function URL gateway and the local notification receiver on the API port, the timer triggers and the COS
/// triggers. <see cref="Running"/> describes what started, for the banner and for tests.
/// </summary>
internal sealed class LocalStack(LocalStackOptions options) : ILocalStackPlugin
{
    /// <summary>What the stack takes from the environment it runs in: who reads the messages, not where they go.</summary>
    public static IReadOnlyList<string> HostVariables { get; } =
    [
        ChannelLanguages.DeploymentVariable, ChannelLanguages.TimeZoneVariable, .. ChannelLanguages.Variables.Select(v => v.Variable),
    ];

    // After HostVariables: static properties are initialised in the order they are written.
    /// <summary>The names the stack gives serverless.yml's <c>${env:…}</c> references; any other resolves to empty.</summary>
    public static IReadOnlyList<string> SuppliedVariables { get; } =
        ["STAGE", "REGION", "EXPORT_BUCKET", "IMAGEEXPORT_API_TOKENS", "IMAGEEXPORT_WEBHOOK_URL", "IMAGEEXPORT_WEBHOOK_SECRET", .. HostVariables];

    /// <summary>The named variables as <paramref name="lookup"/> has them; an unset one is empty, as a deploy would pass it.</summary>
    public static IReadOnlyDictionary<string, string> FromHost(IEnumerable<string> names, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(lookup);
        return names.ToDictionary(name => name, name => lookup(name) ?? "", StringComparer.Ordinal);
    }

    /// <summary>The largest timer argument SCF takes (4 KB).</summary>
    public const int MaxTimerArgumentBytes = 4096;

    public RunningStack? Running { get; private set; }

    public async Task<IAsyncDisposable> StartAsync(LocalStackContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var log = context.Logger.ForContext<LocalStack>();
        var emulator = context.Emulator;
        var serverlessFile = options.ServerlessFile ?? FindServerlessFile()
            ?? throw new FormatException("serverless.yml not found: run from the repository (the directory with serverless.yml and ImageExport.sln)");
        var repositoryRoot = Path.GetDirectoryName(Path.GetFullPath(serverlessFile))!;

        var webhookUrl = new Uri(context.ApiUrl, WebhookReceiver.Path);
        var webhookSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var fromDeployed = context.Options.WireFromDeployed;
        var supplied = new Dictionary<string, string>(options.Variables, StringComparer.Ordinal);
        foreach (var name in HostVariables)
        {
            supplied.TryAdd(name, "");
        }

        var own = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["STAGE"] = "local",
            ["REGION"] = emulator.Region,
            ["EXPORT_BUCKET"] = emulator.DefaultBucket,
            ["IMAGEEXPORT_API_TOKENS"] = context.ApiToken,
            ["IMAGEEXPORT_WEBHOOK_URL"] = webhookUrl.ToString(),
            ["IMAGEEXPORT_WEBHOOK_SECRET"] = webhookSecret,
        };
        foreach (var (name, value) in own)
        {
            supplied[name] = value;
        }

        var env = new EnvReferences(supplied);
        var definition = fromDeployed ? DeployedWiring.Read(emulator) : ServerlessYaml.ReadFile(serverlessFile, env);
        var source = fromDeployed ? "the deployed functions" : serverlessFile;
        foreach (var note in definition.Notes)
        {
            log.Information("{Source}: {Note}", source, note);
        }

        var stateDirectory = Path.GetFullPath(context.Options.StateDirectory);
        var deployedApis = fromDeployed ? DeployedApis.Read(stateDirectory, definition.Functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal)) : [];
        if (context.Options.DescribeWiringFile is { } describe)
        {
            WiringDescription.Write(describe, definition, deployedApis);
        }

        // What was deployed runs as deployed: its tokens, bucket and webhook stay; the receiver checks the deployed secret.
        if (fromDeployed && definition.Functions.SelectMany(f => f.Environment).FirstOrDefault(p => p.Key == "IMAGEEXPORT_WEBHOOK_SECRET").Value is { Length: > 0 } deployedSecret)
        {
            webhookSecret = deployedSecret;
        }

        log.Debug("serverless.yml: left empty (not supplied locally): {Variables}", env.Unresolved);

        var overrides = new LocalOverrides(
            emulator.Region, emulator.AppId, emulator.CvmEndpoint, emulator.CosEndpoint, emulator.TemporaryCredentials,
            context.ApiToken, emulator.DefaultBucket, webhookUrl, webhookSecret);
        var functions = definition.Functions.ToDictionary(f => f.Name, f => LocalFunctions.From(f, overrides, keepDeployedSettings: fromDeployed), StringComparer.Ordinal);
        var timers = definition.TimerTriggers.Where(t => t.Enabled).Select(t => (Trigger: t, Cron: Cron(serverlessFile, t))).ToList();
        foreach (var disabled in definition.TimerTriggers.Where(t => !t.Enabled).Select(t => t.Name).Concat(definition.CosTriggers.Where(t => !t.Enabled).Select(t => t.Name)))
        {
            log.Information("{Source}: trigger {TriggerName} is not enabled, so it is not wired, as on SCF", source, disabled);
        }

        var http = FunctionComposition.CreateHttpClient();
        var resources = new Stack<IAsyncDisposable>();
        resources.Push(new DisposeAction(() => http.Dispose()));
        try
        {
            var images = fromDeployed ? DeployedWiring.Images(emulator) : new Dictionary<string, string>();
            var invoker = images.Count > 0 && context.Options.Functions == FunctionsMode.Process
                ? ImageBinary(repositoryRoot, images, emulator, options.Time, context.Logger)
                : FunctionInvokers.Create(context.Options.Functions, definition, repositoryRoot, functions.Values, http, options.Time, context.Logger);
            resources.Push(invoker);
            invoker = options.DecorateInvoker?.Invoke(invoker) ?? invoker;

            var notifications = new NotificationLog(Path.Combine(Path.GetFullPath(context.Options.StateDirectory), NotificationLog.FileName));
            var receiver = new WebhookReceiver(webhookSecret, notifications, options.Time, context.Logger);
            var httpFunction = definition.HttpTriggers.FirstOrDefault() is { } httpTrigger ? functions[httpTrigger.Function] : null;
            var gateway = new FunctionUrlGateway(invoker, httpFunction, c => LocalRouteAsync(c, receiver), context.Logger);
            // What was deployed behind an API gateway service is served under /<environment>/ (README "Deploy").
            RequestDelegate front = fromDeployed
                ? new ApiGatewayFront(invoker, functions, stateDirectory, gateway.HandleAsync, context.Logger).HandleAsync
                : gateway.HandleAsync;
            var listener = await Listener.StartAsync(context.Options.ApiPort, front, context.Logger, cancellationToken);
            resources.Push(listener);

            // Stopped before the listener: a notify still running may be delivering to the receiver on it.
            var invocations = new AsyncInvocations(invoker, options.AsyncRetryDelays, options.Time, context.Logger);
            resources.Push(invocations);

            var cosTriggers = definition.CosTriggers.Where(t => t.Enabled).Select(t => (t, functions[t.Function])).ToList();
            var subscription = emulator.Subscribe(new CosTriggers(cosTriggers, invocations, context.Logger).OnObjectCreatedAsync);
            resources.Push(new DisposeAction(subscription.Dispose));

            var wired = new List<WiredTimer>();
            foreach (var (trigger, cron) in timers)
            {
                var function = functions[trigger.Function];
                // design.md "Contract: schedules": --timer-interval overrides only the reconciler's timer; every other
                // timer (an export schedule on start) keeps its own cron.
                var interval = IsReconciler(function) ? context.Options.TimerInterval : null;
                var timer = interval is { } every
                    ? TimerTrigger.Every(trigger.Name, function, trigger.Argument, every, invocations, options.Time, context.Logger)
                    : TimerTrigger.Cron(trigger.Name, function, trigger.Argument, cron, options.CronTimeZone, invocations, options.Time, context.Logger);
                resources.Push(timer);
                timer.Start();
                wired.Add(new WiredTimer(trigger.Name, trigger.Function, cron.Expression, interval, options.CronTimeZone, () => timer.NextFiring, trigger.Argument));
            }

            Running = new RunningStack(
                context.Options.Functions, listener.BaseAddress, webhookUrl, notifications, invoker, functions, httpFunction,
                wired, [.. cosTriggers.Select(t => t.Item1)], invocations, [.. resources]);
            log.Information("Functions wired from {ServerlessFile}: {Functions} ({Mode}, code {Code}); Function URL on {Api}",
                source, string.Join(", ", functions.Values.Select(f => $"{f.Name}={f.Handler}")), context.Options.Functions,
                invoker is ImageFunctionInvoker ? $"images as {DeployedWiring.ImageBinary}"
                : context.Options.Functions == FunctionsMode.Process ? FunctionInvokers.PackagedBinary(definition, repositoryRoot) : "in this process",
                listener.BaseAddress);
            foreach (var api in deployedApis)
            {
                log.Information("API gateway {ServiceId} ({ServiceName}): {Method} {Api}{Environment}{Path} → {Function}{Integrated}",
                    api.ServiceId, api.ServiceName, api.Method, listener.BaseAddress.ToString().TrimEnd('/'), "/" + api.Environment, api.Path, api.Function,
                    api.IntegratedResponse ? " (integrated response)" : " (integrated response off: the function's answer is the body)");
            }

            return Running;
        }
        catch
        {
            while (resources.TryPop(out var resource))
            {
                await resource.DisposeAsync();
            }

            throw;
        }
    }

    private static ImageFunctionInvoker ImageBinary(
        string repositoryRoot, IReadOnlyDictionary<string, string> images, EmulatorHost emulator, TimeProvider time, Serilog.ILogger logger)
    {
        var binary = Path.GetFullPath(Path.Combine(repositoryRoot, DeployedWiring.ImageBinary));
        if (!File.Exists(binary))
        {
            throw new FormatException($"--wiring deployed: image functions run {binary}, the binary deploy/Dockerfile puts in the image, and it is missing: run `bash deploy/package.sh` first");
        }

        return new ImageFunctionInvoker(binary, images, emulator.Region, emulator.AppId, time, logger);
    }

    private static async Task LocalRouteAsync(HttpContext context, WebhookReceiver receiver)
    {
        if (context.Request.Path.Equals(WebhookReceiver.Path, StringComparison.Ordinal))
        {
            await receiver.HandleAsync(context);
            return;
        }

        await LocalResponses.ErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", $"the local stack serves only {WebhookReceiver.Path} under {FunctionUrlGateway.LocalPrefix}");
    }

    /// <summary>The reconciler is the function whose handler is <c>exports.poll</c> (design.md "Contract: the functions").</summary>
    private static bool IsReconciler(LocalFunction function) => function.Handler == "exports.poll";

    private static ScfCron Cron(string serverlessFile, TimerTriggerSpec timer)
    {
        // SCF's timer document: the argument (the event's Message) is at most 4 KB (reference/scf.md §3b, §5); counted
        // here in UTF-8 bytes, 4,096 of them (which unit SCF counts: a guess, in local/README.md).
        if (timer.Argument is { } argument && System.Text.Encoding.UTF8.GetByteCount(argument) > MaxTimerArgumentBytes)
        {
            throw new FormatException(
                $"{serverlessFile}: timer trigger {timer.Name}: argument is {System.Text.Encoding.UTF8.GetByteCount(argument)} bytes; SCF allows at most {MaxTimerArgumentBytes}");
        }

        try
        {
            return ScfCron.Parse(timer.CronExpression);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{serverlessFile}: timer trigger {timer.Name}: {e.Message}", e);
        }
    }

    private static string? FindServerlessFile()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "serverless.yml");
                if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "ImageExport.sln")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private sealed class DisposeAction(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }
}
