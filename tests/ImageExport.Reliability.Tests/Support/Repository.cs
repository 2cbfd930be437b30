namespace ImageExport.Reliability.Tests.Support;

/// <summary>The repository's serverless.yml as a suite wants it.</summary>
internal static class Repository
{
    /// <summary>
    /// A copy of serverless.yml (in <paramref name="directory"/>) whose shared environment has <paramref name="variables"/>
    /// set: replaced where the file names them, added otherwise; and with <paramref name="schedules"/> as timer triggers
    /// on start (design.md "Contract: schedules").
    /// </summary>
    public static string ServerlessYmlWith(string directory, IReadOnlyDictionary<string, string> variables, IReadOnlyList<ScheduleTrigger>? schedules = null)
    {
        var lines = File.ReadAllLines(RepositoryFiles.ServerlessYml).ToList();
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
