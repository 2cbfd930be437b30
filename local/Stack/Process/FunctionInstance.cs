using System.ComponentModel;
using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Process;

/// <summary>
/// One instance of a function, as SCF runs a custom runtime: the process started from the package, the runtime API
/// it talks to (its own port), and the one event it may hold at a time. It decides every invocation it is given:
/// by the runtime's answer, or by a timeout or its own death, and after either of the latter it is never used again.
/// </summary>
internal sealed partial class FunctionInstance : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly ProcessInvokerOptions _options;
    private readonly ILogger _log;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<PendingInvocation> _nextEvent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PendingInvocation? _current;
    private ITimer? _deadline;
    private Emulator.Listener? _api;
    private InstanceProcess? _process;
    private InstanceOutput? _output;
    private long _startedAt;
    private TimeSpan? _initDuration;
    private bool _answeredBefore;
    private bool _retired;
    private bool _stopRequested;
    private int _invocations;
    private int _disposed;

    public FunctionInstance(string id, LocalFunction function, ProcessInvokerOptions options)
    {
        Id = id;
        Function = function;
        _options = options;
        _log = options.Logger.ForContext("Function", function.Name).ForContext("Instance", id);
    }

    /// <summary>E.g. <c>start#2</c>: the function and the order instances were started in.</summary>
    public string Id { get; }

    /// <summary>The definition the instance was started with; a changed one needs new instances.</summary>
    public LocalFunction Function { get; }

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Completes when the process has ended (at once when it never started).</summary>
    public Task Exited => _process?.Exited ?? Task.CompletedTask;

    /// <summary>Whether it may be given another event: alive, and not timed out, killed or stopping.</summary>
    public bool IsUsable
    {
        get
        {
            lock (_gate)
            {
                return !_retired && _process is { HasExited: false };
            }
        }
    }

    public int Invocations
    {
        get
        {
            lock (_gate)
            {
                return _invocations;
            }
        }
    }

    public bool IsBusy
    {
        get
        {
            lock (_gate)
            {
                return _current is not null;
            }
        }
    }

    /// <summary>
    /// SCF's cold start: the runtime API listens, the process starts, and the runtime has the function's init timeout
    /// to post <c>/runtime/init/ready</c>. Returns null when it did, else why the instance could not start (it is then
    /// already ended).
    /// </summary>
    public async Task<string?> StartAsync()
    {
        var api = await Emulator.Listener.StartAsync(0, HandleAsync, _options.Logger, CancellationToken.None).ConfigureAwait(false);
        var codeRoot = Path.GetDirectoryName(Path.GetFullPath(_options.BinaryPath)) ?? "/";
        var environment = InstanceEnvironment.For(Function, codeRoot, api.BaseAddress.Port, System.Environment.GetEnvironmentVariable);
        InstanceProcess? process = null;
        try
        {
            lock (_gate)
            {
                // Stopped while the runtime API was starting: nothing may be left running.
                if (!_retired)
                {
                    _api = api;
                    _startedAt = _options.Time.GetTimestamp();
                    _output = new InstanceOutput(_options.Logger, Function.Name, Id);
                    process = _process = InstanceProcess.Start(_options.BinaryPath, environment, _output);
                }
            }
        }
        catch (Win32Exception e)
        {
            Retire();
            _log.Error("Instance {Instance} of {Function} could not start {Binary}: {Reason}", Id, Function.Name, _options.BinaryPath, e.Message);
            return $"the instance could not start {_options.BinaryPath}: {e.Message}";
        }

        if (process is null)
        {
            await api.DisposeAsync().ConfigureAwait(false);
            return "the instance was stopped while it started";
        }

        _log.Debug("Instance {Instance} of {Function} started: pid {Pid}, runtime API on port {RuntimeApiPort}", Id, Function.Name, process.Id, api.BaseAddress.Port);
        _ = WatchExitAsync(process);

        using var initTimeout = new CancellationTokenSource();
        var timedOut = Task.Delay(AtLeastOneMillisecond(Function.InitTimeout), _options.Time, initTimeout.Token);
        var first = await Task.WhenAny(_ready.Task, process.Exited, timedOut).ConfigureAwait(false);
        await initTimeout.CancelAsync().ConfigureAwait(false);
        if (first == _ready.Task)
        {
            return null;
        }

        if (first == process.Exited)
        {
            var code = await process.Exited.ConfigureAwait(false);
            return await ExitReasonAsync(process, code, "before it posted /runtime/init/ready").ConfigureAwait(false);
        }

        Retire();
        process.Kill();
        _log.Warning("Instance {Instance} of {Function} did not post /runtime/init/ready within its init timeout of {InitTimeoutMs} ms; killed",
            Id, Function.Name, (long)Function.InitTimeout.TotalMilliseconds);
        return $"init timeout: the runtime did not post /runtime/init/ready within {(long)Function.InitTimeout.TotalMilliseconds} ms";
    }

    /// <summary>
    /// Hands the event to the runtime (the pending or next <c>/runtime/invocation/next</c> returns it) and starts its
    /// execution timeout. False when the instance cannot take it.
    /// </summary>
    public bool TryAssign(PendingInvocation invocation)
    {
        lock (_gate)
        {
            if (_retired || _current is not null || _process is null or { HasExited: true })
            {
                return false;
            }

            _current = invocation;
            _invocations++;
            // SCF measures the time limit from when it hands the event out, whether or not the runtime has asked yet.
            _deadline = _options.Time.CreateTimer(
                state => OnExecutionTimeout((PendingInvocation)state!), invocation, AtLeastOneMillisecond(invocation.Function.Timeout), Timeout.InfiniteTimeSpan);
            _nextEvent.TrySetResult(invocation);
            return true;
        }
    }

    /// <summary>SIGTERM, a grace period, then kill; an event still in hand fails. Safe to call more than once.</summary>
    public async Task StopAsync()
    {
        InstanceProcess? process;
        Emulator.Listener? api;
        lock (_gate)
        {
            _retired = true;
            _stopRequested = true;
            process = _process;
            api = _api;
        }

        if (process is not null && !process.HasExited)
        {
            var descendants = process.Descendants();
            process.Terminate(descendants);
            using var grace = new CancellationTokenSource();
            var elapsed = Task.Delay(_options.StopGracePeriod, _options.Time, grace.Token);
            if (await Task.WhenAny(process.Exited, elapsed).ConfigureAwait(false) != process.Exited)
            {
                _log.Warning("Instance {Instance} of {Function} did not stop within {GraceMs} ms of SIGTERM; killing it",
                    Id, Function.Name, (long)_options.StopGracePeriod.TotalMilliseconds);
            }

            await grace.CancelAsync().ConfigureAwait(false);
            process.Kill();
            InstanceProcess.KillAll(descendants);
            await process.Exited.ConfigureAwait(false);
        }

        // Whatever the process left undecided (it was killed, or never answered) fails now.
        FailCurrent("the instance was stopped before it answered");
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (api is not null)
        {
            await api.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _process?.Dispose();
    }

    private void OnReady()
    {
        lock (_gate)
        {
            if (_retired || _ready.Task.IsCompleted)
            {
                // SCF counts the first ready only; one after an init timeout comes too late.
                return;
            }

            _initDuration = _options.Time.GetElapsedTime(_startedAt);
            _ready.TrySetResult();
        }

        _log.Debug("Instance {Instance} of {Function} (pid {Pid}) ready in {InitMs} ms", Id, Function.Name, ProcessId, (long)_initDuration.Value.TotalMilliseconds);
    }

    private void OnExecutionTimeout(PendingInvocation invocation)
    {
        bool fetched;
        lock (_gate)
        {
            if (_current != invocation)
            {
                return;
            }

            fetched = invocation.Fetched;
            _retired = true;
        }

        var limitMs = (long)invocation.Function.Timeout.TotalMilliseconds;
        var reason = fetched
            ? $"execution timeout: no result within the {limitMs} ms time limit"
            : $"execution timeout: the runtime did not fetch the event from /runtime/invocation/next within the {limitMs} ms time limit";
        Decide(invocation, InvocationResult.Failure(reason), fromRuntime: false);
        _process?.Kill();
        _log.Warning("Invocation {RequestId} of {Function}: {Reason}; instance {Instance} (pid {Pid}) killed", invocation.RequestId, Function.Name, reason, Id, ProcessId);
    }

    private async Task WatchExitAsync(InstanceProcess process)
    {
        var code = await process.Exited.ConfigureAwait(false);
        bool expected;
        lock (_gate)
        {
            expected = _stopRequested || _retired;
            _retired = true;
        }

        if (expected)
        {
            _log.Debug("Instance {Instance} of {Function} (pid {Pid}) ended with code {ExitCode}", Id, Function.Name, process.Id, code);
        }
        else
        {
            _log.Warning("Instance {Instance} of {Function} (pid {Pid}) exited with code {ExitCode}", Id, Function.Name, process.Id, code);
        }

        FailCurrent(await ExitReasonAsync(process, code, "before it answered").ConfigureAwait(false));
        // Ends the runtime API's pending long polls: nobody is left to answer them.
        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>The exit code, and the last error the instance wrote, which usually says why.</summary>
    private async Task<string> ExitReasonAsync(InstanceProcess process, int code, string when)
    {
        // The last lines may still be in the pipes when the exit is noticed.
        await Task.WhenAny(process.Output, Task.Delay(TimeSpan.FromSeconds(1), _options.Time)).ConfigureAwait(false);
        return _output?.LastProblem is { } said
            ? $"the instance exited with code {code} {when}: {said}"
            : $"the instance exited with code {code} {when}";
    }

    private void FailCurrent(string reason)
    {
        PendingInvocation? current;
        lock (_gate)
        {
            current = _current;
        }

        if (current is not null && Decide(current, InvocationResult.Failure(reason), fromRuntime: false))
        {
            _log.Warning("Invocation {RequestId} of {Function} failed: {Reason}", current.RequestId, Function.Name, reason);
        }
    }

    /// <summary>Sets the invocation's result if nobody has (SCF locks the first one) and frees the instance for the next event.</summary>
    private bool Decide(PendingInvocation invocation, InvocationResult result, bool fromRuntime)
    {
        lock (_gate)
        {
            if (_current != invocation)
            {
                return false;
            }

            _current = null;
            _nextEvent = new TaskCompletionSource<PendingInvocation>(TaskCreationOptions.RunContinuationsAsynchronously);
            _deadline?.Dispose();
            _deadline = null;
            _answeredBefore |= fromRuntime;
        }

        return invocation.TryDecide(result);
    }

    private void Retire()
    {
        lock (_gate)
        {
            _retired = true;
        }
    }

    private static TimeSpan AtLeastOneMillisecond(TimeSpan value) => value > TimeSpan.FromMilliseconds(1) ? value : TimeSpan.FromMilliseconds(1);
}
