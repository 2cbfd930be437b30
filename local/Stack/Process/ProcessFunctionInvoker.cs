namespace ImageExport.Local.Stack.Process;

/// <summary>
/// <c>--functions process</c>: runs the packaged binary the way SCF runs a custom runtime. Each function gets its own
/// instances, each instance its own emulated runtime API; see <see cref="InstancePool"/> and <see cref="FunctionInstance"/>.
/// </summary>
internal sealed class ProcessFunctionInvoker : IFunctionInvoker
{
    private readonly ProcessInvokerOptions _options;
    private readonly Dictionary<string, InstancePool> _pools = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _disposed;

    public ProcessFunctionInvoker(ProcessInvokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.BinaryPath);
        ArgumentNullException.ThrowIfNull(options.Logger);
        ArgumentNullException.ThrowIfNull(options.Time);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInstancesPerFunction, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeepWarm, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.StopGracePeriod, TimeSpan.Zero);
        _options = options with { BinaryPath = Path.GetFullPath(options.BinaryPath) };
    }

    public async Task<InvocationResult> InvokeAsync(LocalFunction function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var pool = PoolFor(function.Name);
        var invocation = new PendingInvocation(function, payload.ToArray(), Guid.NewGuid().ToString());
        pool.Enqueue(invocation);
        try
        {
            return await invocation.Result.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            pool.Abandon(invocation);
            throw;
        }
    }

    /// <summary>The instances <paramref name="functionName"/> has now, busy or idle.</summary>
    public IReadOnlyList<InstanceInfo> InstancesOf(string functionName)
    {
        lock (_gate)
        {
            return _pools.TryGetValue(functionName, out var pool) ? pool.Snapshot() : [];
        }
    }

    /// <summary>Stops every instance (SIGTERM, then kill after the grace period); events still waiting fail.</summary>
    public async ValueTask DisposeAsync()
    {
        InstancePool[] pools;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pools = [.. _pools.Values];
        }

        await Task.WhenAll(pools.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private InstancePool PoolFor(string functionName)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_pools.TryGetValue(functionName, out var pool))
            {
                pool = new InstancePool(functionName, _options);
                _pools.Add(functionName, pool);
            }

            return pool;
        }
    }
}
