using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Triggers;

/// <summary>
/// SCF's asynchronous invocation, as COS and timer triggers use it: the trigger never waits for the function, and a
/// function error is retried after each of <see cref="RetryDelays"/> (SCF: twice, 1 minute after the event, then 2
/// minutes after that; docs/reference/scf.md §5). Every delivery, retry and final failure is logged.
/// </summary>
internal sealed class AsyncInvocations(IFunctionInvoker invoker, IReadOnlyList<TimeSpan> retryDelays, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);
    private readonly ILogger _log = logger.ForContext<AsyncInvocations>();
    private readonly CancellationTokenSource _stopRetrying = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly HashSet<Task> _running = [];
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public IReadOnlyList<TimeSpan> RetryDelays => retryDelays;

    /// <summary>
    /// Starts one asynchronous invocation and returns at once, with a task that ends when it succeeded or SCF would
    /// give up (it never faults).
    /// </summary>
    /// <param name="source">What fired it, for the log: e.g. <c>cos trigger exported-raw</c>.</param>
    public Task Start(LocalFunction function, ReadOnlyMemory<byte> payload, string source, string subject)
    {
        lock (_running)
        {
            if (_stopRetrying.IsCancellationRequested)
            {
                _log.Warning("{Source}: not invoking {Function} for {Subject}: the stack is stopping", source, function.Name, subject);
                return Task.CompletedTask;
            }

            if (_running.Count == 0)
            {
                _idle = NewIdle(completed: false);
            }

            var task = Task.Run(() => RunAsync(function, payload, source, subject));
            _running.Add(task);
            // Registered after the Add, so Forget always finds the task, however soon it ends.
            _ = task.ContinueWith(Forget, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }
    }

    /// <summary>Completes when no invocation (or retry wait) is in flight.</summary>
    public Task WhenIdleAsync()
    {
        lock (_running)
        {
            return _idle.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopRetrying.CancelAsync();
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        // Invocations in flight get a moment to finish (a COS event half handled is what SCF would avoid too).
        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(ShutdownGrace, time)) != all)
        {
            await _abort.CancelAsync();
        }

        await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopRetrying.Dispose();
        _abort.Dispose();
    }

    private async Task RunAsync(LocalFunction function, ReadOnlyMemory<byte> payload, string source, string subject)
    {
        for (var attempt = 1; ; attempt++)
        {
            _log.Information("{Source}: invoking {Function} for {Subject} (attempt {Attempt} of {Attempts})",
                source, function.Name, subject, attempt, retryDelays.Count + 1);
            InvocationResult result;
            try
            {
                result = await invoker.InvokeAsync(function, payload, _abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                _log.Warning("{Source}: {Function} for {Subject} abandoned: the stack stopped", source, function.Name, subject);
                return;
            }
            catch (Exception e)
            {
                // The invoker's contract is a result, not an exception; an exception is still a failed invocation.
                result = InvocationResult.Failure($"{e.GetType().Name}: {e.Message}");
            }

            if (result.Succeeded)
            {
                _log.Information("{Source}: {Function} handled {Subject} (attempt {Attempt})", source, function.Name, subject, attempt);
                return;
            }

            if (attempt > retryDelays.Count)
            {
                _log.Error("{Source}: {Function} failed on {Subject} {Attempts} times; giving up as SCF does: {Error}",
                    source, function.Name, subject, attempt, result.Error);
                return;
            }

            var delay = retryDelays[attempt - 1];
            _log.Warning("{Source}: {Function} failed on {Subject} (attempt {Attempt}): {Error}; retrying in {RetryDelay}",
                source, function.Name, subject, attempt, result.Error, delay);
            try
            {
                await Task.Delay(delay, time, _stopRetrying.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _log.Warning("{Source}: retry of {Function} for {Subject} dropped: the stack stopped", source, function.Name, subject);
                return;
            }
        }
    }

    private void Forget(Task task)
    {
        lock (_running)
        {
            _running.Remove(task);
            if (_running.Count == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            idle.SetResult();
        }

        return idle;
    }
}
