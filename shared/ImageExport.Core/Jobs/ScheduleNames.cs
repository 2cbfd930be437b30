using System.Text.RegularExpressions;

namespace ImageExport.Core.Jobs;

/// <summary>The names a schedule may have, so its runs can be listed by it (<see cref="ScheduleIndex"/>).</summary>
internal static partial class ScheduleNames
{
    /// <summary>Like an SCF trigger name: a letter, then letters, digits, '_' or '-', at most 60 characters.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,59}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);
}
