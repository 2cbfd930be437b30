using ImageExport.Scf.Runtime;

namespace ImageExport.Scf.Tests.Support;

/// <summary>A <see cref="FunctionHost"/> running in the background; disposing stops it (bounded).</summary>
internal sealed class HostRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private HostRun(Func<CancellationToken, Task<int>> run) => Exit = Task.Run(() => run(_stop.Token));

    public Task<int> Exit { get; }

    public static HostRun Start(IFunctionHandler handler, FunctionHostOptions options) =>
        new(ct => FunctionHost.RunAsync(handler, options, ct));

    public static HostRun Start(Func<IFunctionHandler> initialize, FunctionHostOptions options) =>
        new(ct => FunctionHost.RunAsync(initialize, options, ct));

    /// <summary>Asks the host to stop and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Exit.Within();
    }

    public async ValueTask DisposeAsync()
    {
        if (!Exit.IsCompleted)
        {
            await _stop.CancelAsync();
            try
            {
                await Exit.Within();
            }
            catch (Exception)
            {
                // The test already failed on what it asserted; do not hide that behind a shutdown error.
            }
        }
        _stop.Dispose();
    }
}
