namespace ImageExport.Core.Schedules;

/// <summary>A run's <c>schedule</c> in the HTTP API: the schedule's name and the slot the run belongs to.</summary>
internal sealed record ScheduleView(string Name, DateTimeOffset Slot)
{
    public static ScheduleView? From(ScheduleMark? mark) => mark is null ? null : new ScheduleView(mark.Name, mark.Slot);
}
