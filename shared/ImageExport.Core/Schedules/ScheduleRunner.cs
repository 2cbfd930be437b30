using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Notifications.Delivery;
using ImageExport.Core.Rules;
using ImageExport.Core.Start;
using ImageExport.Core.Texts;
using ImageExport.Scf.Events;
using ImageExport.Scf.Runtime;
using ImageExport.TencentCloud.Cvm;
using Serilog;

namespace ImageExport.Core.Schedules;

/// <summary>
/// A timer invocation of the start function: its <c>Message</c> (the trigger's <c>argument</c>) is a schedule, and the
/// run it starts is an ordinary job (<see cref="ScheduledStart"/>) keyed by the schedule's name and slot, so a retried or
/// duplicated invocation never exports twice. Images a rule refuses are left out and reported; the others export.
/// A malformed schedule is logged as an error and notified, and starts nothing; so is a run with nothing to export.
/// Cloud failures (CVM, COS), and a channel refusing the notification that nothing was started, are thrown: SCF retries
/// the async invocation, and the slot's key (and the notification's markers) make that safe.
/// </summary>
internal sealed class ScheduleRunner(
    ImageExportSettings settings,
    ICvmApi cvm,
    ScheduledStart start,
    ScheduleIndex index,
    NotificationDelivery delivery,
    TimeProvider time,
    ILogger log)
{
    public async Task<byte[]> HandleAsync(TimerEvent timer, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(context);
        var runLog = log.ForContext("RequestId", context.RequestId).ForContext("Trigger", timer.TriggerName);
        var now = time.GetUtcNow();
        var (schedule, name, errors) = ScheduleParser.Parse(timer.Message, settings);
        if (schedule is null)
        {
            runLog.Error("Timer trigger {Trigger} on the start function: the schedule in its argument is malformed; nothing was started: {Errors}",
                timer.TriggerName, errors.Select(e => e.ToString()).ToList());
            var reason = "malformed schedule: " + string.Join("; ", errors);
            await NotifyNotStartedAsync(Invalid(timer, now), name ?? timer.TriggerName ?? "unnamed", null, settings.DefaultBucket ?? "-", null, reason, [], runLog, cancellationToken).ConfigureAwait(false);
            return Answer(w => { w.WriteString("error", "MalformedSchedule"); w.WriteString("reason", reason); });
        }

        runLog = runLog.ForContext("Schedule", schedule.Name);
        if (ScheduleSlot.Of(schedule.Cron, now) is not { } slot)
        {
            var reason = $"cron '{schedule.Cron.Expression}' has no firing at or before {now:u}";
            runLog.Error("Schedule {Schedule}: {Reason}; nothing was started", schedule.Name, reason);
            await NotifyNotStartedAsync(Invalid(timer, now), schedule.Name, null, schedule.Bucket, schedule.Format, reason, [], runLog, cancellationToken).ConfigureAwait(false);
            return Answer(w => { w.WriteString("error", "MalformedSchedule"); w.WriteString("reason", reason); });
        }

        var candidates = await ChooseAsync(schedule, cancellationToken).ConfigureAwait(false);
        var refused = candidates.Skip(Naming.MaxImageIds)
            .Select(id => Problem.ForImage(id, "schedule.tooManyImages", LocalText.Of("problem.schedule.tooManyImages",
                ("imageId", id), ("max", Naming.MaxImageIds.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
            .ToList();
        var chosen = candidates.Take(Naming.MaxImageIds).ToList();
        var scope = NotificationDelivery.JobScope($"schedule-{schedule.Name}-{ScheduleSlot.Stamp(slot)}", "failed");
        if (chosen.Count == 0)
        {
            var reason = schedule.Tags is { } tags
                ? "no image carries the tags " + string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))
                : "no image to export";
            runLog.Warning("Schedule {Schedule}, slot {Slot}: {Reason}; nothing was started", schedule.Name, slot, reason);
            await NotifyNotStartedAsync(scope, schedule.Name, slot, schedule.Bucket, schedule.Format, reason, [], runLog, cancellationToken).ConfigureAwait(false);
            return Answer(w => { w.WriteString("schedule", schedule.Name); w.WriteString("slot", slot); w.WriteString("outcome", "nothing-to-export"); });
        }

        var key = ScheduleSlot.IdempotencyKey(schedule.Name, slot);
        var mark = new ScheduleMark { Name = schedule.Name, Slot = slot, Retention = schedule.Retention, Refused = refused };
        var outcome = await start.StartAsync(Request(schedule, slot, chosen), key, mark, runLog, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind == ScheduledStartKind.Refused && outcome.Problems.All(p => p.ImageId is not null))
        {
            // The others still export: the same key, with only the images no rule refused.
            var refusedIds = outcome.Problems.Select(p => p.ImageId!).ToHashSet(StringComparer.Ordinal);
            var rest = chosen.Where(id => !refusedIds.Contains(id)).ToList();
            refused = [.. refused, .. outcome.Problems];
            if (rest.Count > 0)
            {
                mark = mark with { Refused = refused };
                outcome = await start.StartAsync(Request(schedule, slot, rest), key, mark, runLog, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (outcome.Kind == ScheduledStartKind.Refused)
        {
            refused = [.. refused, .. outcome.Problems];
        }

        if (outcome.Kind is ScheduledStartKind.Started or ScheduledStartKind.AlreadyStarted && outcome.JobId is { } jobId)
        {
            await index.EnsureAsync(schedule.Name, slot, jobId, now, cancellationToken).ConfigureAwait(false);
            if (outcome.Kind == ScheduledStartKind.Started)
            {
                runLog.Information("Schedule {Schedule}, slot {Slot}: job {JobId} started; {Refused} image(s) refused: {ProblemCodes}",
                    schedule.Name, slot, jobId, refused.Count, refused.Select(p => p.Code).Distinct().ToList());
            }
            else
            {
                runLog.Information("Schedule {Schedule}, slot {Slot}: already started as job {JobId}; nothing new was started", schedule.Name, slot, jobId);
            }
            return Answer(w =>
            {
                w.WriteString("schedule", schedule.Name);
                w.WriteString("slot", slot);
                w.WriteString("jobId", jobId);
                w.WriteBoolean("replayed", outcome.Kind == ScheduledStartKind.AlreadyStarted);
            });
        }

        var why = outcome.Kind == ScheduledStartKind.Failed
            ? "the export request was refused: " + outcome.Reason
            : "every image was refused by a rule";
        if (outcome.Kind == ScheduledStartKind.Failed)
        {
            runLog.Error("Schedule {Schedule}, slot {Slot}: {Reason}; nothing was started", schedule.Name, slot, why);
        }
        else
        {
            runLog.Warning("Schedule {Schedule}, slot {Slot}: {Reason} ({ProblemCodes}); nothing was started", schedule.Name, slot, why, refused.Select(p => p.Code).Distinct().ToList());
        }

        await NotifyNotStartedAsync(scope, schedule.Name, slot, schedule.Bucket, schedule.Format, why, refused, runLog, cancellationToken).ConfigureAwait(false);
        return Answer(w => { w.WriteString("schedule", schedule.Name); w.WriteString("slot", slot); w.WriteString("outcome", "refused"); });
    }

    private const int MaxImagePages = 50;

    /// <summary>The schedule's images: its IDs, or every image with all its tags (DescribeImages <c>tag:&lt;key&gt;</c> filters, paged).</summary>
    private async Task<IReadOnlyList<string>> ChooseAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        if (schedule.ImageIds is { } ids)
        {
            return ids;
        }

        var filters = schedule.Tags!.Select(t => CvmFilter.Tag(t.Key, t.Value)).ToList();
        // 50 pages of 100 images, as the catalogue lists; a region with more tagged images than that is told so, not cut short.
        var images = await cvm.ListImagesAsync(filters, MaxImagePages, cancellationToken).ConfigureAwait(false);
        if (!images.Complete)
        {
            throw new InvalidOperationException($"more than {MaxImagePages} pages of images carry the schedule's tags; narrow the tags");
        }

        return images.Items.Select(i => i.ImageId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private ExportRequest Request(Schedule schedule, DateTimeOffset slot, IReadOnlyList<string> imageIds) => new()
    {
        ImageIds = imageIds,
        Bucket = schedule.Bucket,
        Prefix = ScheduleSlot.RunPrefix(schedule.Prefix, slot),
        Format = schedule.Format,
        OnlyRootDisk = schedule.OnlyRootDisk,
        RoleName = settings.RoleName,
    };

    private async Task NotifyNotStartedAsync(string scope, string schedule, DateTimeOffset? slot, string bucket, string? format, string reason, IReadOnlyList<Problem> refused, ILogger runLog, CancellationToken cancellationToken)
    {
        var id = scope["notify/".Length..].TrimEnd('/').Replace('/', ':');
        var outcome = await delivery.TryDeliverAsync(scope,
            () => RunNotifications.NotStarted(id, schedule, slot, settings.Region, bucket, format, time.GetUtcNow(), reason, refused),
            cancellationToken).ConfigureAwait(false);
        if (outcome == DeliveryOutcome.Failed)
        {
            // No job carries this notification, so the poll never redelivers it: the invocation fails instead, and SCF's
            // retries (1 minute, then 2 more) try the channels again; the scope's markers keep a channel that has it from
            // getting it twice.
            throw new NotificationNotDeliveredException(
                $"schedule {schedule}: the notification that nothing was started failed on a channel; the invocation fails so that SCF retries it");
        }

        if (outcome == DeliveryOutcome.InFlight)
        {
            runLog.Information("Schedule {Schedule}: another invocation is delivering the notification that nothing was started", schedule);
        }
    }

    // A schedule that cannot be read has no slot: its report is sent once per trigger, argument and hour, so the
    // platform's retries and duplicates (minutes apart) say it once and the next firing says it again.
    private static string Invalid(TimerEvent timer, DateTimeOffset now)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{timer.TriggerName}\n{timer.Message}")))[..16];
        return NotificationDelivery.JobScope($"schedule-invalid-{hash}-{now.UtcDateTime:yyyyMMddHH}", "failed");
    }

    private static byte[] Answer(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}

/// <summary>A notification no job carries failed on a channel: thrown so the platform retries the invocation.</summary>
internal sealed class NotificationNotDeliveredException(string message) : Exception(message);
