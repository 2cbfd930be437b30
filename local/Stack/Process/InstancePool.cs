using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Process;

/// <summary>
/// The instances of one function, scheduled as SCF does: one event per instance at a time, a warm idle instance
/// first, a new instance when all are busy, up to a limit beyond which events wait their turn; idle instances are
/// stopped after the keep-warm period.
/// </summary>
internal sealed class InstancePool(string functionName, ProcessInvokerOptions options)
{
    private readonly object _gate = new();
    private readonly ILogger _log = options.Logger.ForContext("Function", functionName);
    private readonly List<FunctionInstance> _instances = [];
    // Most recently used last: taking from the end keeps the fewest instances warm, as a platform would want.
    private readonly List<FunctionInstance> _idle = [];
    private readonly Dictionary<FunctionInstance, ITimer> _idleTimers = [];
    private readonly LinkedList<PendingInvocation> _waiting = new();
    private readonly List<Task> _background = [];
    private LocalFunction? _definition;
    private int _started;
    private bool _disposed;

    public void Enqueue(PendingInvocation invocation)
    {
        List<FunctionInstance> outdated = [];
        lock (_gate)
        {
            if (_disposed)
            {
                invocation.Fail("the local stack is stopping");
                return;
            }

            // A changed definition (environment, handler, limits) is a new deployment: old idle instances go.
            if (_definition is null || !FunctionDefinitions.AreSame(_definition, invocation.Function))
            {
                _definition = invocation.Function;
                foreach (var instance in _idle.Where(i => !FunctionDefinitions.AreSame(i.Function, invocation.Function)).ToList())
                {
                    RemoveLocked(instance);
                    outdated.Add(instance);
                }
            }

            _waiting.AddLast(invocation);
        }

        foreach (var instance in outdated)
        {
            Track(instance.DisposeAsync().AsTask());
        }

        Pump();
    }

    /// <summary>The caller gave up: an event no instance has taken yet is dropped; one already running runs on.</summary>
    public void Abandon(PendingInvocation invocation)
    {
        lock (_gate)
        {
            invocation.Abandoned = true;
            _waiting.Remove(invocation);
        }
    }

    public IReadOnlyList<InstanceInfo> Snapshot()
    {
        lock (_gate)
        {
            return _instances.Select(i => new InstanceInfo(
                i.Id,
                i.ProcessId,
                _idle.Contains(i) ? InstanceState.Idle : i.IsBusy ? InstanceState.Busy : InstanceState.Starting,
                i.Invocations)).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<FunctionInstance> instances;
        List<PendingInvocation> waiting;
        lock (_gate)
        {
            _disposed = true;
            instances = [.. _instances];
            waiting = [.. _waiting];
            _waiting.Clear();
            foreach (var timer in _idleTimers.Values)
            {
                timer.Dispose();
            }

            _idleTimers.Clear();
            _idle.Clear();
            _instances.Clear();
        }

        foreach (var invocation in waiting)
        {
            invocation.Fail("the local stack is stopping");
        }

        await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask())).ConfigureAwait(false);
        Task[] background;
        lock (_gate)
        {
            background = [.. _background];
        }

        await Task.WhenAll(background).ConfigureAwait(false);
    }

    /// <summary>Gives waiting events to idle instances, or starts instances for them while under the limit.</summary>
    private void Pump()
    {
        var work = new List<Func<Task>>();
        lock (_gate)
        {
            while (!_disposed && _waiting.First is { } node)
            {
                var invocation = node.Value;
                var warm = _idle.FindLast(i => FunctionDefinitions.AreSame(i.Function, invocation.Function));
                if (warm is not null)
                {
                    _waiting.RemoveFirst();
                    TakeIdleLocked(warm);
                    work.Add(() => RunAsync(warm, invocation));
                }
                else if (_instances.Count < options.MaxInstancesPerFunction)
                {
                    _waiting.RemoveFirst();
                    var instance = new FunctionInstance($"{functionName}#{++_started}", invocation.Function, options);
                    _instances.Add(instance);
                    work.Add(() => ColdStartAsync(instance, invocation));
                }
                else
                {
                    break;
                }
            }
        }

        foreach (var start in work)
        {
            Track(Task.Run(start));
        }
    }

    private async Task ColdStartAsync(FunctionInstance instance, PendingInvocation invocation)
    {
        _log.Information("Cold start of {Function}: instance {Instance} for invocation {RequestId}", functionName, instance.Id, invocation.RequestId);
        string? failure;
        try
        {
            failure = await instance.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Its runtime API could not listen, or the like: the event must still get an answer.
            _log.Error(e, "Instance {Instance} of {Function} could not be set up", instance.Id, functionName);
            failure = $"the instance could not be set up: {e.Message}";
        }

        Track(WatchAsync(instance));
        if (failure is not null)
        {
            Discard(instance);
            invocation.Fail(failure);
            Pump();
            return;
        }

        bool abandoned;
        lock (_gate)
        {
            abandoned = invocation.Abandoned;
        }

        if (abandoned)
        {
            // Its caller left while the instance was starting: the instance serves whoever is next.
            Release(instance);
            return;
        }

        await RunAsync(instance, invocation).ConfigureAwait(false);
    }

    private async Task RunAsync(FunctionInstance instance, PendingInvocation invocation)
    {
        if (!instance.TryAssign(invocation))
        {
            // Died between being chosen and being given the event: the event goes back to the head of the line.
            Discard(instance);
            bool requeued;
            lock (_gate)
            {
                requeued = !_disposed;
                if (requeued)
                {
                    _waiting.AddFirst(invocation);
                }
            }

            if (!requeued)
            {
                invocation.Fail("the local stack is stopping");
            }

            Pump();
            return;
        }

        _log.Debug("Invocation {RequestId} of {Function} handed to instance {Instance} (pid {Pid})", invocation.RequestId, functionName, instance.Id, instance.ProcessId);
        await invocation.Decision.ConfigureAwait(false);
        if (instance.IsUsable)
        {
            Release(instance);
        }
        else
        {
            Discard(instance);
            Pump();
        }

        invocation.Deliver();
    }

    /// <summary>Back to the idle list, with its keep-warm timer, then on to whoever waits.</summary>
    private void Release(FunctionInstance instance)
    {
        FunctionInstance? outdated = null;
        lock (_gate)
        {
            if (_disposed || !_instances.Contains(instance))
            {
                return;
            }

            if (_definition is not null && !FunctionDefinitions.AreSame(instance.Function, _definition))
            {
                RemoveLocked(instance);
                outdated = instance;
            }
            else
            {
                _idle.Add(instance);
                _idleTimers[instance] = options.Time.CreateTimer(_ => Expire(instance), null, options.KeepWarm, Timeout.InfiniteTimeSpan);
            }
        }

        if (outdated is not null)
        {
            Track(outdated.DisposeAsync().AsTask());
        }

        Pump();
    }

    private void Expire(FunctionInstance instance)
    {
        lock (_gate)
        {
            if (!_idle.Contains(instance))
            {
                return;
            }

            RemoveLocked(instance);
        }

        _log.Information("Instance {Instance} of {Function} idle for {KeepWarmSeconds} s; stopping it", instance.Id, functionName, (long)options.KeepWarm.TotalSeconds);
        Track(instance.DisposeAsync().AsTask());
    }

    /// <summary>An instance whose process ends while idle leaves the pool; one that was busy fails its event itself.</summary>
    private async Task WatchAsync(FunctionInstance instance)
    {
        await instance.Exited.ConfigureAwait(false);
        bool wasIdle;
        lock (_gate)
        {
            wasIdle = _idle.Contains(instance);
            if (wasIdle)
            {
                RemoveLocked(instance);
            }
        }

        if (wasIdle)
        {
            Track(instance.DisposeAsync().AsTask());
            Pump();
        }
    }

    private void Discard(FunctionInstance instance)
    {
        bool removed;
        lock (_gate)
        {
            removed = _instances.Contains(instance);
            RemoveLocked(instance);
        }

        if (removed)
        {
            Track(instance.DisposeAsync().AsTask());
        }
    }

    private void TakeIdleLocked(FunctionInstance instance)
    {
        _idle.Remove(instance);
        if (_idleTimers.Remove(instance, out var timer))
        {
            timer.Dispose();
        }
    }

    private void RemoveLocked(FunctionInstance instance)
    {
        TakeIdleLocked(instance);
        _instances.Remove(instance);
    }

    private void Track(Task task)
    {
        lock (_gate)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(task);
        }

        _ = task.ContinueWith(
            t => _log.Error(t.Exception, "A background task of the {Function} instances failed", functionName),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}

