using System.Globalization;
using System.Text.Json;
using ImageExport.Scf.Events;
using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Triggers;

/// <summary>
/// One timer trigger: at each occurrence of its cron (or every <c>--timer-interval</c>) it builds SCF's timer event
/// and invokes the function asynchronously. A tick does not wait for the previous one: SCF does not guarantee that
/// either, so overlapping polls are part of what the workflow must survive (it is idempotent), and the local stack
/// shows it rather than hiding it. Overlaps are logged.
/// The event's <c>Time</c> is the trigger's creation time, the same at every tick: Tencent's timer document defines it
/// so (Tencent's timer trigger document, 定时触发器说明: "Time 触发器创建时间，0时区"), even though captured events look like
/// fire times. Sending a constant keeps code from relying on it as the tick's time.
/// </summary>
internal sealed class TimerTrigger : IAsyncDisposable
{
    private readonly string _name;
    private readonly LocalFunction _function;
    private readonly string _message;
    private readonly Func<DateTimeOffset, DateTimeOffset?> _next;
    private readonly AsyncInvocations _invocations;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly DateTimeOffset _createdAt;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    // The occurrence the loop waits for, as UTC ticks (0: none left); read by the banner while the loop runs.
    private long _nextFiringTicks;

    private TimerTrigger(string name, LocalFunction function, string? message, Func<DateTimeOffset, DateTimeOffset?> next, AsyncInvocations invocations, TimeProvider time, ILogger log)
    {
        _name = name;
        _function = function;
        _message = message ?? "";
        _next = next;
        _invocations = invocations;
        _time = time;
        _log = log.ForContext<TimerTrigger>();
        _createdAt = time.GetUtcNow();
    }

    /// <summary>Fires at each occurrence of <paramref name="cron"/> in <paramref name="zone"/>.</summary>
    public static TimerTrigger Cron(
        string name, LocalFunction function, string? message, ScfCron cron, TimeZoneInfo zone, AsyncInvocations invocations, TimeProvider time, ILogger log) =>
        new(name, function, message, after => cron.Next(after, zone), invocations, time, log);

    /// <summary>Fires every <paramref name="interval"/>, the first time one interval after it starts.</summary>
    public static TimerTrigger Every(
        string name, LocalFunction function, string? message, TimeSpan interval, AsyncInvocations invocations, TimeProvider time, ILogger log) =>
        new(name, function, message, after => after + interval, invocations, time, log);

    /// <summary>The SCF timer event: <c>{"Type":"Timer","TriggerName":…,"Time":"…Z","Message":…}</c>, Time the trigger's creation.</summary>
    public static byte[] Event(string triggerName, DateTimeOffset createdAt, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Type", "Timer");
            json.WriteString("TriggerName", triggerName);
            json.WriteString("Time", createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("Message", message);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public string Name => _name;

    /// <summary>When the timer fires next (<c>null</c> when its cron has no occurrence left).</summary>
    public DateTimeOffset? NextFiring => Interlocked.Read(ref _nextFiringTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Start()
    {
        // The first occurrence is fixed now, not when the loop gets a thread: one due in between still fires.
        var first = _next(_time.GetUtcNow());
        SetNextFiring(first);
        _loop = Task.Run(() => RunAsync(first));
    }

    private void SetNextFiring(DateTimeOffset? next) => Interlocked.Exchange(ref _nextFiringTicks, next?.UtcTicks ?? 0);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync(DateTimeOffset? first)
    {
        var last = DateTimeOffset.MinValue;
        var pending = Task.CompletedTask;
        while (!_stop.IsCancellationRequested)
        {
            // Never before the last tick: a timer that wakes a hair early must not fire the same occurrence twice.
            var now = _time.GetUtcNow();
            var upcoming = last == DateTimeOffset.MinValue ? first : _next(now > last ? now : last);
            SetNextFiring(upcoming);
            if (upcoming is not { } next)
            {
                _log.Information("Timer {TriggerName}: its cron has no occurrence left; it stops", _name);
                return;
            }

            var wait = next - _time.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            last = next;
            if (!pending.IsCompleted)
            {
                _log.Information("Timer {TriggerName}: the previous {Function} invocation is still running; firing anyway, as SCF does", _name, _function.Name);
            }

            var payload = Event(_name, _createdAt, _message);
            pending = _invocations.Start(_function, payload, $"timer {_name}", $"tick {next.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}");
        }
    }
}
