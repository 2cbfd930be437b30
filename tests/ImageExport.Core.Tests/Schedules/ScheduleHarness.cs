using System.Text;
using System.Text.Json.Nodes;
using ImageExport.Core.Tests.Support;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Tests.Schedules;

/// <summary>
/// A schedule on the start function's timer, driven on the fake clock: each firing sends Tencent's timer event (the
/// fixture's shape, the schedule as its Message), the exports finish, and the poll runs retention and announces.
/// </summary>
internal sealed class ScheduleHarness
{
    /// <summary>Every Monday 03:00 in the timer's zone (UTC+8): Sunday 19:00 UTC. 2026-11-29 is a Sunday.</summary>
    public const string WeeklyCron = "0 0 3 * * 1 *";

    public static readonly DateTimeOffset FirstFiring = new(2026, 11, 29, 19, 0, 0, TimeSpan.Zero);

    public ScheduleHarness(Action<Dictionary<string, string>>? configure = null, params RecordingChannel[] channels)
    {
        App = new TestApp(configure, channels);
    }

    public TestApp App { get; }

    public static JsonObject Weekly(string name, JsonObject images, int? keepLast = 4, int? maxAgeDays = null, bool dryRun = false) => new()
    {
        ["schedule"] = name,
        ["cron"] = WeeklyCron,
        ["images"] = images,
        ["bucket"] = TestApp.Bucket,
        ["format"] = "qcow2",
        ["onlyRootDisk"] = false,
        ["prefix"] = "weekly",
        ["retention"] = new JsonObject { ["keepLast"] = keepLast, ["maxAgeDays"] = maxAgeDays, ["dryRun"] = dryRun },
    };

    public static JsonObject Ids(params string[] ids) => new() { ["ids"] = new JsonArray(ids.Select(i => (JsonNode)i!).ToArray()) };

    public static JsonObject Tags(string key, string value) => new() { ["tags"] = new JsonObject { [key] = value } };

    public static CvmImage Tagged(CvmImage image, string key, string value) => image with { Tags = [new CvmTag(key, value)] };

    /// <summary>Sends the timer event with <paramref name="message"/> to the start function, as SCF does.</summary>
    public async Task<JsonNode> FireAsync(string message, string trigger = "weekly-golden")
    {
        var e = JsonNode.Parse(File.ReadAllText(TestApp.Fixture("timer.json")))!.AsObject();
        e["TriggerName"] = trigger;
        e["Message"] = message;
        var raw = await App.StartHandler.HandleAsync(Encoding.UTF8.GetBytes(e.ToJsonString()), App.Context(), CancellationToken.None);
        return JsonNode.Parse(raw)!;
    }

    /// <summary>
    /// The week's run: the timer fires half a minute after the slot, CVM finishes the exports 20 minutes later (a COS
    /// event each), and the poll runs. Returns the run's job ID.
    /// </summary>
    public async Task<string> RunWeekAsync(int week, JsonObject schedule)
    {
        App.Time.SetUtcNow(FirstFiring + TimeSpan.FromDays(7 * week) + TimeSpan.FromSeconds(30));
        var answer = await FireAsync(schedule.ToJsonString());
        var jobId = answer["jobId"]?.GetValue<string>() ?? throw new InvalidOperationException("no run started: " + answer.ToJsonString());
        await FinishAsync(jobId);
        return jobId;
    }

    /// <summary>Lands every exporting image's files of the job, then lets the poll reconcile, expire and announce.</summary>
    public async Task FinishAsync(string jobId)
    {
        App.Time.Advance(TimeSpan.FromMinutes(20));
        var job = await App.SendAsync("GET", $"/exports/{jobId}");
        foreach (var image in job.Body!["images"]!.AsArray().Where(i => i!["state"]!.GetValue<string>() == "exporting"))
        {
            await App.NotifyAsync(App.Cvm.Finish(image!["imageId"]!.GetValue<string>()));
        }
        await PollAsync();
    }

    public async Task PollAsync()
    {
        App.Time.Advance(TimeSpan.FromMinutes(1));
        await App.PollAsync();
    }

    public async Task<JsonNode> JobAsync(string jobId) => (await App.SendAsync("GET", $"/exports/{jobId}")).Body!;

    public static IEnumerable<JsonNode> Files(JsonNode job) =>
        job["images"]!.AsArray().SelectMany(i => i!["files"]!.AsArray()).Select(f => f!);

    public static IReadOnlyList<string> Keys(JsonNode job) => Files(job).Select(f => f["key"]!.GetValue<string>()).ToList();
}
