using ArchUnitNET.Domain;

namespace ImageExport.Core.Tests.Architecture;

/// <summary>
/// Which folder of Core uses which, from every type dependency the compiled code has (signatures, bodies, attributes,
/// compiler-generated state machines included), with one example type pair per edge for the failure message.
/// </summary>
internal sealed class FolderGraph
{
    private const string CorePrefix = "ImageExport.Core";

    private readonly Dictionary<(string From, string To), string> _examples;

    private FolderGraph(IReadOnlyList<string> folders, Dictionary<(string From, string To), string> examples)
    {
        Folders = folders;
        _examples = examples;
    }

    public IReadOnlyList<string> Folders { get; }

    public IReadOnlyList<(string From, string To)> Edges => _examples.Keys.OrderBy(e => e.From).ThenBy(e => e.To).ToList();

    public static FolderGraph Of(ArchUnitNET.Domain.Architecture architecture, IEnumerable<(string From, string To)> ignored)
    {
        var skip = ignored.ToHashSet();
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        var examples = new Dictionary<(string, string), string>();
        foreach (var type in architecture.Types)
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }

            folders.Add(from);
            foreach (var dependency in type.Dependencies)
            {
                // A generic parameter is no dependency, and the loader names method type parameters after the first method
                // of that name it met (every JSON context has the same generated generic methods).
                if (dependency.Target is GenericParameter)
                {
                    continue;
                }

                if (FolderOf(dependency.Target) is not { } to || to == from || skip.Contains((from, to)))
                {
                    continue;
                }

                examples.TryAdd((from, to), $"{type.FullName} uses {dependency.Target.FullName}");
            }
        }
        return new FolderGraph(folders.ToList(), examples);
    }

    public string Example((string From, string To) edge) => _examples[edge];

    /// <summary>Every strongly connected set of two or more folders (Tarjan's algorithm), each a cycle or several.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string folder)
        {
            index[folder] = low[folder] = next++;
            stack.Push(folder);
            onStack.Add(folder);
            foreach (var (_, to) in Edges.Where(e => e.From == folder))
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[folder] = Math.Min(low[folder], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[folder] = Math.Min(low[folder], index[to]);
                }
            }
            if (low[folder] != index[folder])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != folder);
            if (component.Count > 1)
            {
                result.Add(component.Order(StringComparer.Ordinal).ToList());
            }
        }

        foreach (var folder in Folders)
        {
            if (!index.ContainsKey(folder))
            {
                Visit(folder);
            }
        }
        return result;
    }

    /// <summary>A cycle's folders and every dependency among them, each with an example.</summary>
    public string Describe(IReadOnlyList<string> component) =>
        string.Join(" <-> ", component) + "\n" + string.Join("\n",
            Edges.Where(e => component.Contains(e.From) && component.Contains(e.To)).Select(e => $"  {e.From} -> {e.To}: {_examples[e]}"));

    private static string? FolderOf(IType type)
    {
        // Generic parameters and some compiler-made types have no namespace.
        if (type.Namespace?.FullName is not { } ns)
        {
            return null;
        }

        if (ns == CorePrefix)
        {
            return FolderLayers.Root;
        }

        if (!ns.StartsWith(CorePrefix + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(CorePrefix.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
