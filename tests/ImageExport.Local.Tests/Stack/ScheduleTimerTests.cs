using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Local.Stack;
using ImageExport.Local.Tests.Stack.Support;
using ImageExport.Testing.Stack;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.Local.Tests.Stack;

/// <summary>
/// Export schedules in the local stack (design.md "Contract: schedules"): every timer trigger of serverless.yml runs on
/// its own 7-field cron and delivers its argument as the timer event's Message, as SCF does; <c>--timer-interval</c>
/// moves only the reconciler's timer; the banner lists the schedules with their next firing.
/// </summary>
public sealed class ScheduleTimerTests
{
    private static string Fixture => Path.Combine(RepositoryFiles.Root, "tests", "ImageExport.Local.Tests", "Stack", "Fixtures", "serverless-schedules.yml");

    [Fact]
    public async Task AScheduleFiresOnItsOwnCronAndItsArgumentIsTheTimerEventsMessage()
    {
        // Monday 02:59:50 in UTC+8 (the zone SCF reads crons in): the weekly schedule is due in ten seconds.
        var createdAt = new DateTimeOffset(2026, 12, 6, 18, 59, 50, TimeSpan.Zero);
        await using var stack = await ScheduleStack.StartAsync(createdAt);

        await stack.AdvanceAsync(TimeSpan.FromSeconds(15));

        var weekly = Assert.Single(stack.TimerEvents("start"), e => (string?)e.Event["TriggerName"] == "weekly-golden");
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 19, 0, 0, TimeSpan.Zero), weekly.FiredAt);
        Assert.Equal("Timer", (string?)weekly.Event["Type"]);
        // Tencent's timer document: Time is the trigger's creation time, the same at every firing.
        Assert.Equal("2026-12-06T18:59:50Z", (string?)weekly.Event["Time"]);
        var message = JsonNode.Parse((string)weekly.Event["Message"]!)!.AsObject();
        Assert.Equal("weekly-golden", (string?)message["schedule"]);
        Assert.Equal("0 0 3 * * 1 *", (string?)message["cron"]);
        Assert.Equal("""{"backup":"weekly"}""", message["images"]!["tags"]!.ToJsonString());
        // ${env:EXPORT_BUCKET} in the argument is resolved like any other value of serverless.yml.
        Assert.Equal(stack.Session.Endpoints.Bucket, (string?)message["bucket"]);
        Assert.Equal(4, (int?)message["retention"]!["keepLast"]);
    }

    [Fact]
    public async Task TheTimerIntervalOptionMovesOnlyTheReconcilerAndEveryScheduleKeepsItsCron()
    {
        var createdAt = new DateTimeOffset(2026, 12, 4, 10, 0, 0, 500, TimeSpan.Zero);
        await using var stack = await ScheduleStack.StartAsync(createdAt, timerInterval: TimeSpan.FromSeconds(1));

        await stack.AdvanceAsync(TimeSpan.FromSeconds(30));

        // The reconciler every second instead of every minute…
        Assert.InRange(stack.TimerEvents("poll").Count, 28, 31);
        // …while the ten-second schedule fires at :10, :20 and :30 only, and the weekly one not at all.
        var often = stack.TimerEvents("start").Where(e => (string?)e.Event["TriggerName"] == "ten-seconds").ToList();
        Assert.Equal([10, 20, 30], often.Select(e => e.FiredAt.Second));
        Assert.All(often, e => Assert.Equal("ten-seconds", (string?)JsonNode.Parse((string)e.Event["Message"]!)!["schedule"]));
        Assert.DoesNotContain(stack.TimerEvents("start"), e => (string?)e.Event["TriggerName"] == "weekly-golden");
    }

    [Fact]
    public async Task TheBannerListsEachScheduleWithItsCronAndNextFiring()
    {
        var createdAt = new DateTimeOffset(2026, 12, 4, 10, 0, 0, 500, TimeSpan.Zero);
        await using var stack = await ScheduleStack.StartAsync(createdAt, timerInterval: TimeSpan.FromSeconds(5));

        var lines = Banner.Render(stack.Session, stack.Options, stack.Running).Split('\n');

        var weekly = Assert.Single(lines, l => l.TrimStart().StartsWith("weekly-golden ", StringComparison.Ordinal));
        Assert.Contains("cron '0 0 3 * * 1 *'", weekly, StringComparison.Ordinal);
        // Friday 18:00 in UTC+8 → the next Monday 03:00 there.
        Assert.Contains("next 2026-12-06 19:00:00 UTC (2026-12-07 03:00 UTC+08)", weekly, StringComparison.Ordinal);
        Assert.Contains("trigger weekly-golden → start", weekly, StringComparison.Ordinal);
        var often = Assert.Single(lines, l => l.TrimStart().StartsWith("ten-seconds ", StringComparison.Ordinal));
        Assert.Contains("next 2026-12-04 10:00:10 UTC", often, StringComparison.Ordinal);
        var reconciler = Assert.Single(lines, l => l.Contains("reconcile-exports → poll", StringComparison.Ordinal));
        Assert.Contains("every 5 s (--timer-interval", reconciler, StringComparison.Ordinal);
        Assert.Contains("next 2026-12-04 10:00:05 UTC", reconciler, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommentedScheduleExampleInServerlessYmlRunsWhenUncommented()
    {
        var directory = Directory.CreateTempSubdirectory("schedule-example-").FullName;
        try
        {
            var path = Path.Combine(directory, "serverless.yml");
            File.WriteAllText(path, WithScheduleExample());
            // Sunday 18:59:58 UTC is Monday 02:59:58 in UTC+8: the example's weekly firing is two seconds away.
            await using var stack = await ScheduleStack.StartAsync(new DateTimeOffset(2026, 12, 6, 18, 59, 58, TimeSpan.Zero), serverlessFile: path);

            var banner = Banner.Render(stack.Session, stack.Options, stack.Running);
            await stack.AdvanceAsync(TimeSpan.FromSeconds(3));

            Assert.Contains(banner.Split('\n'), l => l.TrimStart().StartsWith("weekly-golden ", StringComparison.Ordinal) && l.Contains("next 2026-12-06 19:00:00 UTC", StringComparison.Ordinal));
            var fired = Assert.Single(stack.TimerEvents("start"));
            Assert.Equal("weekly-golden", (string?)fired.Event["TriggerName"]);
            var message = JsonNode.Parse((string)fired.Event["Message"]!)!;
            Assert.Equal("weekly-golden", (string?)message["schedule"]);
            Assert.Equal(stack.Session.Endpoints.Bucket, (string?)message["bucket"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The repository's serverless.yml with the lines between the schedule-example markers uncommented, as its comment says.</summary>
    private static string WithScheduleExample()
    {
        var lines = File.ReadAllLines(RepositoryFiles.ServerlessYml).ToList();
        var begin = lines.FindIndex(l => l.Contains("# schedule-example:begin", StringComparison.Ordinal));
        var end = lines.FindIndex(l => l.Contains("# schedule-example:end", StringComparison.Ordinal));
        Assert.True(begin >= 0 && end > begin, "serverless.yml has no schedule-example block");
        for (var i = begin + 1; i < end; i++)
        {
            var at = lines[i].IndexOf("# ", StringComparison.Ordinal);
            lines[i] = lines[i][..at] + lines[i][(at + 2)..];
        }

        return string.Join('\n', lines);
    }

    [Fact]
    public async Task TheRepositorysServerlessYmlWithoutASchedulePrintsHowToAddOne()
    {
        await using var app = await StackApplication.StartAsync();

        var banner = Banner.Render(app.Session, new LocalOptions { StateDirectory = app.StateDirectory }, app.Running);

        Assert.Contains("Schedules: none", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATimerArgumentOverFourKilobytesIsRefusedWhenServerlessYmlIsRead()
    {
        var directory = Directory.CreateTempSubdirectory("schedule-fixture-").FullName;
        try
        {
            var large = "{\"schedule\":\"big\",\"padding\":\"" + new string('x', LocalStack.MaxTimerArgumentBytes) + "\"}";
            var path = Path.Combine(directory, "serverless.yml");
            File.WriteAllText(path, File.ReadAllText(Fixture).Replace("'{\"schedule\":\"ten-seconds\"", "'" + large + "' #", StringComparison.Ordinal));

            var error = await Assert.ThrowsAsync<FormatException>(() => ScheduleStack.StartAsync(DateTimeOffset.UtcNow, serverlessFile: path));

            Assert.Contains("timer trigger ten-seconds", error.Message, StringComparison.Ordinal);
            Assert.Contains("at most 4096", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The stack over the schedules fixture, on a fake clock, whose timer events are recorded and answered at once rather
    /// than run (what start does with a schedule is the Core's to test; this is about when and what the stack delivers).
    /// </summary>
    private sealed class ScheduleStack : IAsyncDisposable
    {
        private readonly FakeTimeProvider _time;
        private readonly TimerCatcher _catcher;
        private readonly TestStack _stack;

        private ScheduleStack(FakeTimeProvider time, TimerCatcher catcher, TestStack stack)
        {
            _time = time;
            _catcher = catcher;
            _stack = stack;
        }

        public LocalSession Session => _stack.Session;

        public LocalOptions Options => _stack.Options;

        public RunningStack Running => _stack.Running;

        public static async Task<ScheduleStack> StartAsync(DateTimeOffset now, TimeSpan? timerInterval = null, string? serverlessFile = null)
        {
            var time = new FakeTimeProvider(now);
            TimerCatcher? catcher = null;
            var stack = await TestStack.StartAsync("schedule-stack-test-", new TestStackOptions
            {
                Local = new() { TimerInterval = timerInterval },
                Stack = new()
                {
                    ServerlessFile = serverlessFile ?? Fixture,
                    Time = time,
                    DecorateInvoker = inner => catcher = new TimerCatcher(inner, time),
                    Variables = new Dictionary<string, string>(),
                },
            });
            return new ScheduleStack(time, catcher!, stack);
        }

        /// <summary>
        /// Moves the fake clock a second at a time; after each second, waits until every timer has fired what was due
        /// (its next firing is in the future again) and those invocations have been handed over, so each is recorded
        /// at the second it was due.
        /// </summary>
        public async Task AdvanceAsync(TimeSpan duration)
        {
            for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += TimeSpan.FromSeconds(1))
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                var now = _time.GetUtcNow();
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (Running.Timers.Any(t => t.NextFiring() is { } next && next <= now))
                {
                    Assert.True(DateTime.UtcNow < deadline, $"a timer did not fire what was due at {now:O}");
                    await Task.Delay(2);
                }

                await Running.WhenTriggersIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        public IReadOnlyList<(JsonObject Event, DateTimeOffset FiredAt)> TimerEvents(string function) => _catcher.Of(function);

        public ValueTask DisposeAsync() => _stack.DisposeAsync();
    }

    /// <summary>Answers every timer event itself (recording it with the fake clock's time); anything else goes on to the function.</summary>
    private sealed class TimerCatcher(IFunctionInvoker inner, TimeProvider time) : IFunctionInvoker
    {
        private readonly ConcurrentQueue<(string Function, JsonObject Event, DateTimeOffset At)> _timer = new();

        public IReadOnlyList<(JsonObject Event, DateTimeOffset FiredAt)> Of(string function) =>
            [.. _timer.Where(t => t.Function == function).Select(t => (t.Event, t.At))];

        public Task<InvocationResult> InvokeAsync(LocalFunction function, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            if (JsonNode.Parse(Encoding.UTF8.GetString(payload.Span)) is JsonObject { } e && (string?)e["Type"] == "Timer")
            {
                _timer.Enqueue((function.Name, e, time.GetUtcNow()));
                return Task.FromResult(InvocationResult.Success([]));
            }

            return inner.InvokeAsync(function, payload, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
