using System.Collections.Concurrent;
using ImageExport.Configuration;
using ImageExport.Core.Hosting;
using ImageExport.Core.Notifications;
using ImageExport.Scf.Runtime;
using ILogger = Serilog.ILogger;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Local.Stack.Functions;

/// <summary>
/// <c>--functions inproc</c>: each function's handler is built once from its environment by
/// <see cref="FunctionComposition.CreateHandler"/> (the same composition as the packaged binary) and invoked in this
/// process with an SCF-like context: a request ID, the time limit from serverless.yml, a deadline, and a cancellation
/// that fires the binary's safety margin before it. A handler still running at the deadline is reported as timed out.
/// </summary>
internal sealed class InProcessFunctionInvoker : IFunctionInvoker
{
    private readonly ConcurrentDictionary<string, Lazy<IFunctionHandler>> _handlers = new(StringComparer.Ordinal);
    private readonly Func<LocalFunction, IFunctionHandler> _build;
    private readonly TimeProvider _time;
    private readonly FunctionHostOptions _hostOptions;
    private readonly ILogger _log;

    /// <summary>Functions composed exactly as the packaged binary composes them.</summary>
    public InProcessFunctionInvoker(HttpClient http, TimeProvider time, ILogger logger)
        : this(function => Compose(function, http, time, logger), time, logger)
    {
    }

    /// <summary>Functions built by <paramref name="build"/> (tests run handlers of their own through the same invocation).</summary>
    public InProcessFunctionInvoker(Func<LocalFunction, IFunctionHandler> build, TimeProvider time, ILogger logger)
    {
        _build = build;
        _time = time;
        // The binary's defaults (the head start on the deadline) on the stack's clock.
        _hostOptions = new FunctionHostOptions { TimeProvider = time, Logger = logger };
        _log = logger.ForContext<InProcessFunctionInvoker>();
    }

    /// <summary>Builds the function's handler now, so a configuration error stops the stack at start.</summary>
    /// <exception cref="FormatException">The function's environment is not a valid configuration (the message names the variable).</exception>
    public void Prepare(LocalFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        try
        {
            _ = Handler(function);
        }
        catch (ImageExportConfigurationException e)
        {
            _handlers.TryRemove(function.Name, out _);
            throw new FormatException($"function {function.Name} ({function.Handler}) cannot start: {e.Message}", e);
        }
    }

    public async Task<InvocationResult> InvokeAsync(LocalFunction function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        IFunctionHandler handler;
        try
        {
            handler = Handler(function);
        }
        catch (Exception e)
        {
            _handlers.TryRemove(function.Name, out _);
            _log.Error("Function {Function} failed to initialise: {Error}", function.Name, e.Message);
            return InvocationResult.Failure($"init error: {e.GetType().Name}: {e.Message}");
        }

        var context = new InvocationContext
        {
            RequestId = Guid.NewGuid().ToString(),
            MemoryLimitInMb = function.MemorySizeMb,
            TimeLimit = function.Timeout,
            Deadline = _time.GetUtcNow() + function.Timeout,
            FunctionName = function.Name,
            Handler = function.Handler,
            FunctionVersion = "$LATEST",
            Namespace = "default",
            Region = Variable(function, "TENCENTCLOUD_REGION"),
            AppId = Variable(function, "TENCENTCLOUD_APPID"),
        };
        var log = _log.ForContext("Function", function.Name);

        // The binary's own runner: the same deadline, margin, error text and log lines as on SCF.
        var runner = new InvocationRunner(handler, _hostOptions, log);
        var work = Task.Run(() => runner.RunAsync(payload, context, cancellationToken), CancellationToken.None);
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = Task.Delay(function.Timeout, _time, hardStop.Token);
        if (await Task.WhenAny(work, limit).ConfigureAwait(false) != work)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // SCF would kill the instance here; in process the handler is only abandoned, its late result ignored.
            log.Error("Invocation {RequestId} of {Function} timed out after {TimeLimit}", context.RequestId, function.Name, function.Timeout);
            return InvocationResult.Failure($"Timeout: {function.Name} did not finish within its {function.Timeout.TotalSeconds:0.###} s time limit");
        }

        await hardStop.CancelAsync().ConfigureAwait(false);
        var outcome = await work.ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            return InvocationResult.Success(outcome.Response ?? []);
        }
        // The stack is stopping: the handler's cancellation is no function error.
        cancellationToken.ThrowIfCancellationRequested();
        return InvocationResult.Failure(outcome.Error!);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IFunctionHandler Handler(LocalFunction function) =>
        _handlers.GetOrAdd(function.Name, _ => new Lazy<IFunctionHandler>(() => _build(function))).Value;

    private static IFunctionHandler Compose(LocalFunction function, HttpClient http, TimeProvider time, ILogger logger) =>
        FunctionComposition.CreateHandler(
            function.Handler,
            name => function.Environment.TryGetValue(name, out var value) ? value : null,
            http,
            time,
            // What the binary's logger adds to every event from _HANDLER; the runner pushes the RequestId.
            logger.ForContext("Function", function.Name).ForContext("Handler", function.Handler));

    private static string? Variable(LocalFunction function, string name) =>
        function.Environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
