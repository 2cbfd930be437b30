using System.Globalization;
using Cronos;

namespace ImageExport.Core.Schedules;

/// <summary>
/// SCF's timer cron: 7 fields, <c>second minute hour day month weekday year</c> (reference/scf.md §5). The first six go
/// to Cronos (which has the seconds field, <c>? L W #</c> and 0 = Sunday as SCF); the year field (1970-2099, with
/// <c>* , - /</c>) is checked here. Shared by the local stack's timer triggers and a schedule's run slot.
/// </summary>
public sealed class ScfCron
{
    private const int FirstYear = 1970;
    private const int LastYear = 2099;
    private readonly CronExpression _cron;
    private readonly bool[] _years;

    private ScfCron(string expression, CronExpression cron, bool[] years)
    {
        Expression = expression;
        _cron = cron;
        _years = years;
    }

    public string Expression { get; }

    /// <exception cref="FormatException">Not 7 fields, or a field SCF would not accept.</exception>
    public static ScfCron Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 7)
        {
            throw new FormatException($"cron '{expression}' has {fields.Length} fields; SCF expects 7 (second minute hour day month weekday year)");
        }

        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(string.Join(' ', fields[..6]), CronFormat.IncludeSeconds);
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"cron '{expression}': {e.Message}", e);
        }

        return new ScfCron(expression, cron, Years(fields[6], expression));
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or <c>null</c> when there is none left.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var from = after;
        var inclusive = false;
        // Each round either returns or moves to the next allowed year, so it ends within the 130 years SCF allows.
        for (var round = 0; round <= LastYear - FirstYear + 1; round++)
        {
            var next = _cron.GetNextOccurrence(from, zone, inclusive);
            if (next is null)
            {
                return null;
            }

            var year = TimeZoneInfo.ConvertTime(next.Value, zone).Year;
            if (year is >= FirstYear and <= LastYear && _years[year - FirstYear])
            {
                return next;
            }

            var nextYear = Enumerable.Range(year + 1, Math.Max(0, LastYear - year)).FirstOrDefault(y => y >= FirstYear && _years[y - FirstYear]);
            if (nextYear == 0)
            {
                return null;
            }

            var startOfYear = new DateTime(nextYear, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            from = new DateTimeOffset(startOfYear, zone.GetUtcOffset(startOfYear));
            inclusive = true;
        }

        return null;
    }

    /// <summary>
    /// The latest occurrence at or before <paramref name="at"/>, or <c>null</c> when there is none since 1970. Cronos
    /// only looks forward, so this searches backwards: a window doubled until it holds an occurrence, then halved
    /// down to the second (occurrences fall on whole seconds), about 60 forward look-ups at most.
    /// </summary>
    public DateTimeOffset? Previous(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var end = TruncateToSecond(at);
        var floor = new DateTimeOffset(FirstYear, 1, 1, 0, 0, 0, TimeSpan.Zero) - TimeSpan.FromDays(1);
        bool AnyFrom(DateTimeOffset from) => Next(from - TimeSpan.FromTicks(1), zone) is { } next && next <= end;

        var width = TimeSpan.FromSeconds(1);
        var start = end;
        while (!AnyFrom(start))
        {
            if (start <= floor)
            {
                return null;
            }

            width += width;
            start = end - width < floor ? floor : end - width;
        }

        // An occurrence lies in [start, end]: find the latest second from which one still lies ahead.
        var low = start;
        var high = end;
        while (high - low > TimeSpan.FromSeconds(1))
        {
            var middle = TruncateToSecond(low + (high - low) / 2);
            if (AnyFrom(middle))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return AnyFrom(high) ? high : low;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static bool[] Years(string field, string expression)
    {
        var years = new bool[LastYear - FirstYear + 1];
        foreach (var part in field.Split(','))
        {
            var (range, step) = part.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (r, n),
                _ => throw Bad(part),
            };
            int from, to;
            if (range is "*" or "?")
            {
                (from, to) = (FirstYear, LastYear);
            }
            else if (range.Split('-') is [var a, var b])
            {
                (from, to) = (Year(a, part), Year(b, part));
            }
            else
            {
                from = Year(range, part);
                // `2026/2` means from 2026 on, every second year, as in the other fields.
                to = part.Contains('/', StringComparison.Ordinal) ? LastYear : from;
            }

            if (from > to)
            {
                throw Bad(part);
            }

            for (var year = from; year <= to; year += step)
            {
                years[year - FirstYear] = true;
            }
        }

        return years;

        int Year(string text, string part) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= FirstYear and <= LastYear
                ? year
                : throw Bad(part);

        FormatException Bad(string part) =>
            new($"cron '{expression}': year field '{part}' is not a year {FirstYear}-{LastYear}, a range, a list, * or a step");
    }
}
