namespace ImageExport.Local.Stack.Process;

/// <summary>Whether two <see cref="LocalFunction"/>s deploy the same thing: compared by value, environment included.</summary>
internal static class FunctionDefinitions
{
    public static bool AreSame(LocalFunction a, LocalFunction b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        return a.Name == b.Name
            && a.Handler == b.Handler
            && a.MemorySizeMb == b.MemorySizeMb
            && a.Timeout == b.Timeout
            && a.InitTimeout == b.InitTimeout
            && SameEnvironment(a.Environment, b.Environment);
    }

    private static bool SameEnvironment(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        ReferenceEquals(a, b)
        || (a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value));
}
