using System.Text.Json;

namespace ImageExport.Local.Stack.Triggers;

/// <summary>
/// A timer trigger as the stack wired it, for the banner: its name, function, cron (or the reconciler's
/// <c>--timer-interval</c>), and when it fires next. <see cref="Schedule"/> names the export schedule its argument
/// carries (<c>{"schedule":"weekly-golden",…}</c>, design.md "Contract: schedules"), read only to show it: the start
/// function is what checks a schedule.
/// </summary>
internal sealed record WiredTimer(string Name, string Function, string CronExpression, TimeSpan? Interval, TimeZoneInfo CronZone, Func<DateTimeOffset?> NextFiring, string? Argument)
{
    public string? Schedule
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Argument))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(Argument);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("schedule", out var name) && name.ValueKind == JsonValueKind.String
                    ? name.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
