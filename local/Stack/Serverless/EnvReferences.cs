using System.Text.RegularExpressions;

namespace ImageExport.Local.Stack.Serverless;

/// <summary>
/// Substitutes <c>${env:NAME}</c> as the Serverless Cloud Framework does at deploy time, from a given map instead of
/// the process environment, so the local stack is wired the same way on every machine. An unknown name becomes the
/// empty string (a deploy would fail or pass an empty value; the workflow treats blank as unset).
/// </summary>
internal sealed partial class EnvReferences(IReadOnlyDictionary<string, string> variables)
{
    private readonly HashSet<string> _unresolved = new(StringComparer.Ordinal);

    /// <summary>Names referenced but not in the map, in the order first seen.</summary>
    public IReadOnlyCollection<string> Unresolved => _unresolved;

    public string Resolve(string value) =>
        Reference().Replace(value, match =>
        {
            var name = match.Groups["name"].Value;
            if (variables.TryGetValue(name, out var resolved))
            {
                return resolved;
            }

            _unresolved.Add(name);
            return "";
        });

    [GeneratedRegex(@"\$\{env:\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}")]
    private static partial Regex Reference();
}
