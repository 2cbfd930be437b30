using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using OsProcess = System.Diagnostics.Process;

namespace ImageExport.Local.Stack.Process;

/// <summary>The operating-system side of an instance: the started process, its output pumps, and how it is ended.</summary>
internal sealed class InstanceProcess : IDisposable
{
    private readonly OsProcess _process;

    private InstanceProcess(OsProcess process, InstanceOutput output)
    {
        _process = process;
        Id = process.Id;
        Output = Task.WhenAll(
            Task.Factory.StartNew(() => output.Pump(process.StandardOutput, isStandardError: false), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default),
            Task.Factory.StartNew(() => output.Pump(process.StandardError, isStandardError: true), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        Exited = WaitForExitAsync(process);
    }

    public int Id { get; }

    /// <summary>Completes with the exit code when the process has ended (128 + the signal when it was killed).</summary>
    public Task<int> Exited { get; }

    /// <summary>Completes when both output streams are closed, which a child left running can delay.</summary>
    public Task Output { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <exception cref="Win32Exception">The file is missing or not executable.</exception>
    public static InstanceProcess Start(string binaryPath, IReadOnlyDictionary<string, string> environment, InstanceOutput output)
    {
        var start = new ProcessStartInfo(binaryPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(binaryPath),
        };
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = OsProcess.Start(start) ?? throw new Win32Exception($"{binaryPath} did not start");
        // An instance has no console to read from.
        process.StandardInput.Close();
        return new InstanceProcess(process, output);
    }

    /// <summary>
    /// Asks the process to stop (SIGTERM), as SCF does before it reclaims an instance. What it started is asked
    /// first, deepest first, so that each parent is still there to reap its children.
    /// </summary>
    public void Terminate(IReadOnlyList<int> descendants)
    {
        if (HasExited)
        {
            return;
        }

        for (var i = descendants.Count - 1; i >= 0; i--)
        {
            Signals.Terminate(descendants[i]);
        }

        Signals.Terminate(Id);
    }

    /// <summary>Ends the process and whatever it started, at once.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// The processes this one started, and theirs. Taken before a SIGTERM: a script that dies of it leaves its children
    /// to init, where <see cref="Kill"/> no longer finds them, while SCF tears the whole instance down.
    /// </summary>
    public IReadOnlyList<int> Descendants() => ProcessTree.DescendantsOf(Id);

    /// <summary>Kills processes found by <see cref="Descendants"/> that are still running.</summary>
    public static void KillAll(IEnumerable<int> processIds)
    {
        foreach (var id in processIds)
        {
            try
            {
                using var process = OsProcess.GetProcessById(id);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
            {
                // Already gone.
            }
        }
    }

    public void Dispose() => _process.Dispose();

    private static async Task<int> WaitForExitAsync(OsProcess process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }
}
