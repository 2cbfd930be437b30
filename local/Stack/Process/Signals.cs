using System.Runtime.InteropServices;

namespace ImageExport.Local.Stack.Process;

/// <summary>SIGTERM, which .NET's Process cannot send (its Kill is SIGKILL): a stopping instance gets to finish cleanly first.</summary>
internal static class Signals
{
    private const int SigTerm = 15;

    /// <summary>False when the process is already gone or the signal could not be sent.</summary>
    public static bool Terminate(int processId) => !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    // DllImport rather than LibraryImport: the generated stub would need unsafe code switched on for the whole project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
