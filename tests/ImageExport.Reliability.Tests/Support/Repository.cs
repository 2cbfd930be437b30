namespace ImageExport.Reliability.Tests.Support;

/// <summary>The repository under test, found from the test binary's folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ServerlessYml => Path.Combine(Root, "serverless.yml");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ImageExport.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ImageExport.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// A copy of serverless.yml (in <paramref name="directory"/>) whose shared environment has <paramref name="variables"/>
    /// set: replaced where the file names them, added otherwise; and with <paramref name="schedules"/> as timer triggers
    /// on start (design.md "Contract: schedules").
    /// </summary>
    public static string ServerlessYmlWith(string directory, IReadOnlyDictionary<string, string> variables, IReadOnlyList<ScheduleTrigger>? schedules = null)
    {
        var lines = File.ReadAllLines(ServerlessYml).ToList();
        var triggers = lines.FindIndex(l => l == "  triggers:");
        foreach (var schedule in schedules ?? [])
        {
            lines.InsertRange(triggers + 1,
            [
                "    - type: timer",
                "      function: start",
                "      parameters:",
                $"        name: {schedule.Name}",
                "        qualifier: $DEFAULT",
                $"        cronExpression: '{schedule.Cron}'",
                "        enable: true",
                $"        argument: '{schedule.Argument.Replace("'", "''", StringComparison.Ordinal)}'",
            ]);
        }

        foreach (var (name, value) in variables)
        {
            var at = lines.FindIndex(l => l.Trim() == $"- key: {name}");
            if (at >= 0)
            {
                lines[at + 1] = $"      value: '{value}'";
            }
            else
            {
                var environments = lines.FindIndex(l => l == "  environments:");
                lines.InsertRange(environments + 1, [$"    - key: {name}", $"      value: '{value}'"]);
            }
        }

        var path = Path.Combine(directory, "serverless.yml");
        File.WriteAllLines(path, lines);
        return path;
    }
}

/// <summary>A timer trigger on start whose argument is a schedule.</summary>
internal sealed record ScheduleTrigger(string Name, string Cron, string Argument);
