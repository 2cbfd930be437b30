using System.Globalization;

namespace ImageExport.Local.Stack.Process;

/// <summary>
/// The environment an instance starts with: not the local stack's own (a developer's shell may hold real Tencent
/// keys), but what SCF gives a custom runtime: the function's variables and SCF's built-ins (docs/reference/scf.md §1.1).
/// </summary>
internal static class InstanceEnvironment
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static Dictionary<string, string> For(LocalFunction function, string codeRoot, int runtimeApiPort, Func<string, string?> host)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // The bootstrap script needs the usual tools (sed, getconf, ldd); SCF's own PATH is not documented.
            ["PATH"] = host("PATH") is { Length: > 0 } path ? path : DefaultPath,
            // SCF runs functions in UTC unless the function sets TZ.
            ["TZ"] = "UTC",
        };
        if (host("HOME") is { Length: > 0 } home)
        {
            environment["HOME"] = home;
        }

        foreach (var (name, value) in function.Environment)
        {
            environment[name] = value;
        }

        // SCF's own variables come last: a function cannot set names SCF reserves for itself.
        environment["SCF_RUNTIME_API"] = "127.0.0.1";
        environment["SCF_RUNTIME_API_PORT"] = runtimeApiPort.ToString(CultureInfo.InvariantCulture);
        environment["_HANDLER"] = function.Handler;
        environment["SCF_FUNCTIONNAME"] = function.Name;
        environment["SCF_FUNCTIONVERSION"] = "$LATEST";
        environment["SCF_NAMESPACE"] = "default";
        environment["TENCENTCLOUD_RUNENV"] = "SCF";
        // SCF's is /var/user/, with the slash.
        environment["USER_CODE_ROOT"] = Path.TrimEndingDirectorySeparator(codeRoot) + "/";
        return environment;
    }
}
