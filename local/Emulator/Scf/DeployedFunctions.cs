using System.Text.Json;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// The emulated SCF's functions and triggers, one JSON file per function under <c>&lt;state-dir&gt;/scf/functions/</c>,
/// kept across restarts: the local stack can later start from what was deployed (<c>--wiring deployed</c>).
/// </summary>
internal sealed class DeployedFunctions
{
    private readonly string _root;
    private readonly string _calls;
    private readonly object _gate = new();

    public DeployedFunctions(string stateDirectory)
    {
        _root = Path.Combine(stateDirectory, "scf", "functions");
        _calls = Path.Combine(stateDirectory, "scf", "calls.jsonl");
        Directory.CreateDirectory(_root);
    }

    public static string FunctionsDirectory(string stateDirectory) => Path.Combine(stateDirectory, "scf", "functions");

    /// <summary>Every function deployed into <paramref name="stateDirectory"/>, in name order.</summary>
    public static IReadOnlyList<DeployedFunction> ReadAll(string stateDirectory)
    {
        var root = FunctionsDirectory(stateDirectory);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(path => StateFiles.Read(path, ScfJsonContext.Default.DeployedFunction)!)
            .OrderBy(f => f.Namespace, StringComparer.Ordinal)
            .ThenBy(f => f.FunctionName, StringComparer.Ordinal)];
    }

    public DeployedFunction? Find(string @namespace, string name)
    {
        lock (_gate)
        {
            return StateFiles.Read(PathOf(@namespace, name), ScfJsonContext.Default.DeployedFunction);
        }
    }

    /// <summary>Reads, changes and writes one function under the lock; <paramref name="change"/> may throw to change nothing.</summary>
    public DeployedFunction Update(string @namespace, string name, Func<DeployedFunction?, DeployedFunction> change)
    {
        lock (_gate)
        {
            var path = PathOf(@namespace, name);
            var updated = change(StateFiles.Read(path, ScfJsonContext.Default.DeployedFunction));
            StateFiles.Write(path, updated, ScfJsonContext.Default.DeployedFunction);
            return updated;
        }
    }

    public void Record(ScfCallRecord call)
    {
        lock (_gate)
        {
            File.AppendAllText(_calls, JsonSerializer.Serialize(call, ScfCallJsonContext.Default.ScfCallRecord) + "\n");
        }
    }

    private string PathOf(string @namespace, string name) => Path.Combine(_root, @namespace, name + ".json");
}
