using System.Text.Json.Nodes;
using ImageExport.Core.Tests.Support;
using static ImageExport.Core.Tests.Schedules.ScheduleHarness;

namespace ImageExport.Core.Tests.Schedules;

/// <summary>A schedule's run on the start function's timer: one job per slot, chosen by ID or tag, through the ordinary rules.</summary>
public sealed class ScheduleRunTests
{
    private const string Golden = "img-golden01";

    [Fact]
    public async Task ATimerEventDeliveredThreeTimesStartsOneJob()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage(Golden));
        var message = Weekly("weekly-golden", Ids(Golden)).ToJsonString();
        h.App.Time.SetUtcNow(FirstFiring + TimeSpan.FromSeconds(2));

        var first = await h.FireAsync(message);
        // A duplicate at once, then SCF's retry of an async invocation a minute and three minutes later.
        var duplicate = await h.FireAsync(message);
        h.App.Time.Advance(TimeSpan.FromMinutes(1));
        var retried = await h.FireAsync(message);
        h.App.Time.Advance(TimeSpan.FromMinutes(2));
        var again = await h.FireAsync(message);

        var jobId = first["jobId"]!.GetValue<string>();
        Assert.False(first["replayed"]!.GetValue<bool>());
        Assert.All([duplicate, retried, again], answer =>
        {
            Assert.Equal(jobId, answer["jobId"]!.GetValue<string>());
            Assert.True(answer["replayed"]!.GetValue<bool>());
        });
        Assert.Single(h.App.Cvm.ExportCalls);
        var runs = await h.App.SendAsync("GET", "/exports", query: new() { ["schedule"] = "weekly-golden" });
        var run = Assert.Single(runs.Body!["jobs"]!.AsArray())!;
        Assert.Equal(jobId, run["jobId"]!.GetValue<string>());
        Assert.Equal("weekly-golden", run["schedule"]!["name"]!.GetValue<string>());
        Assert.Equal(FirstFiring, run["schedule"]!["slot"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task TheNextFiringIsANewRunAndTheListingShowsTheScheduleNewestFirstAndNoOtherJob()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage(Golden));
        h.App.Cvm.Catalog.Add(Some.LinuxImage("img-manual01"));
        var manual = await h.App.PostExportsAsync(TestApp.ExportBody("img-manual01"));
        var first = await h.RunWeekAsync(0, Weekly("weekly-golden", Ids(Golden)));
        var second = await h.RunWeekAsync(1, Weekly("weekly-golden", Ids(Golden)));

        var runs = await h.App.SendAsync("GET", "/exports", query: new() { ["schedule"] = "weekly-golden", ["limit"] = "1" });
        var next = await h.App.SendAsync("GET", "/exports", query: new() { ["schedule"] = "weekly-golden", ["cursor"] = runs.Body!["nextCursor"]!.GetValue<string>() });
        var none = await h.App.SendAsync("GET", "/exports", query: new() { ["schedule"] = "nightly" });
        var all = await h.App.SendAsync("GET", "/exports");

        Assert.Equal([second], runs.Body["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()));
        Assert.Equal([first], next.Body!["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()));
        Assert.Empty(none.Body!["jobs"]!.AsArray());
        Assert.Equal(3, all.Body!["jobs"]!.AsArray().Count);
        Assert.Contains(manual.JobId, all.Body["jobs"]!.AsArray().Select(j => j!["jobId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("weekly golden", "schedule")]
    [InlineData("1weekly", "schedule")]
    public async Task AMalformedScheduleNameInTheListingIsABadRequestNamingTheField(string name, string field)
    {
        var h = new ScheduleHarness();

        var answer = await h.App.SendAsync("GET", "/exports", query: new() { ["schedule"] = name });

        Assert.Equal(400, answer.Status);
        Assert.Equal("BadRequest", answer.ErrorCode);
        Assert.Contains(field, answer.Body!["error"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task ACursorOfTheWholeListingIsRefusedForAScheduleListing()
    {
        var h = new ScheduleHarness();
        var cursor = Convert.ToBase64String("index/0000000000001-exp-20261126t100000-00000000"u8.ToArray()).TrimEnd('=');

        var answer = await h.App.SendAsync("GET", "/exports", query: new() { ["schedule"] = "weekly-golden", ["cursor"] = cursor });

        Assert.Equal(400, answer.Status);
        Assert.Contains("cursor", answer.Body!["error"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task ATaggedImageAddedBetweenTwoRunsIsExportedByTheSecondRun()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Tagged(Some.LinuxImage(Golden), "backup", "weekly"));
        h.App.Cvm.Catalog.Add(Tagged(Some.LinuxImage("img-daily001"), "backup", "daily"));
        h.App.Cvm.Catalog.Add(Some.LinuxImage("img-untagged"));
        var schedule = Weekly("weekly-golden", Tags("backup", "weekly"));
        var first = await h.RunWeekAsync(0, schedule);
        h.App.Cvm.Catalog.Add(Tagged(Some.LinuxImage("img-newgold1"), "backup", "weekly"));

        var second = await h.RunWeekAsync(1, schedule);

        Assert.Equal([Golden], (await h.JobAsync(first))["images"]!.AsArray().Select(i => i!["imageId"]!.GetValue<string>()));
        Assert.Equal([Golden, "img-newgold1"], (await h.JobAsync(second))["images"]!.AsArray().Select(i => i!["imageId"]!.GetValue<string>()));
        Assert.All(h.App.Cvm.ExportCalls, c => Assert.NotEqual("img-daily001", c.ImageIds[0]));
    }

    [Fact]
    public async Task ImagesARuleRefusesAreReportedInTheRunsNotificationAndTheOthersStillExport()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Tagged(Some.LinuxImage(Golden), "backup", "weekly"));
        h.App.Cvm.Catalog.Add(Tagged(Some.WindowsImage("img-windows1"), "backup", "weekly"));

        var run = await h.RunWeekAsync(0, Weekly("weekly-golden", Tags("backup", "weekly")));

        var job = await h.JobAsync(run);
        Assert.Equal([Golden], job["images"]!.AsArray().Select(i => i!["imageId"]!.GetValue<string>()));
        Assert.Equal("completed", job["state"]!.GetValue<string>());
        foreach (var channel in h.App.Channels)
        {
            var notification = Assert.Single(channel.Delivered);
            Assert.Equal([Golden], notification.Run!.Started);
            var refused = Assert.Single(notification.Run.Refused);
            Assert.Equal("img-windows1", refused.ImageId);
            Assert.Equal("image.windows", refused.Code);
        }
    }

    [Fact]
    public async Task WhenNoImageMatchesTheRunIsNotifiedAndNothingStarts()
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Tagged(Some.WindowsImage("img-windows1"), "backup", "weekly"));
        h.App.Time.SetUtcNow(FirstFiring + TimeSpan.FromSeconds(30));
        var message = Weekly("weekly-golden", Tags("backup", "weekly")).ToJsonString();

        var answer = await h.FireAsync(message);
        await h.FireAsync(message);

        Assert.Equal("refused", answer["outcome"]!.GetValue<string>());
        Assert.Empty(h.App.Cvm.ExportCalls);
        Assert.Empty(h.App.StateKeys("jobs/"));
        foreach (var channel in h.App.Channels)
        {
            var notification = Assert.Single(channel.Delivered);
            Assert.Null(notification.JobId);
            Assert.Equal("failed", notification.Outcome);
            Assert.Equal("weekly-golden", notification.Run!.Schedule);
            Assert.Equal("image.windows", Assert.Single(notification.Run.Refused).Code);
        }
    }

    [Fact]
    public async Task AChannelThatRefusesTheNotificationThatNothingStartedFailsTheInvocationAndScfsRetryDeliversItOnce()
    {
        var webhook = new RecordingChannel("webhook", failures: 1);
        var slack = new RecordingChannel("slack");
        var h = new ScheduleHarness(null, webhook, slack);
        h.App.Cvm.Catalog.Add(Tagged(Some.WindowsImage("img-windows1"), "backup", "weekly"));
        h.App.Time.SetUtcNow(FirstFiring + TimeSpan.FromSeconds(30));
        var message = Weekly("weekly-golden", Tags("backup", "weekly")).ToJsonString();

        // No job carries this notification, so no poll would ever send it again: the invocation fails, for SCF to retry.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => h.FireAsync(message));
        Assert.Contains("nothing was started", failure.Message, StringComparison.Ordinal);
        Assert.Single(slack.Delivered);
        Assert.Empty(webhook.Delivered);

        // The same event again at once (a duplicate): the webhook's failed attempt waits out its back-off, so nothing is
        // sent, and the invocation still fails rather than swallow it.
        await Assert.ThrowsAnyAsync<Exception>(() => h.FireAsync(message));
        Assert.Equal(1, webhook.Attempts);

        // SCF's first retry, a minute after the event: the webhook gets it; the channel that had it does not again.
        h.App.Time.Advance(TimeSpan.FromMinutes(1));
        var answer = await h.FireAsync(message);

        Assert.Equal("refused", answer["outcome"]!.GetValue<string>());
        Assert.Single(webhook.Delivered);
        Assert.Single(slack.Delivered);
        Assert.Equal(1, slack.Attempts);
        Assert.Empty(h.App.Cvm.ExportCalls);
        Assert.Empty(h.App.StateKeys("jobs/"));
    }

    [Theory]
    [InlineData("""{"schedule":"weekly-golden","cron":"0 0 3 * * 1","images":{"ids":["img-golden01"]}}""", "cron")]
    [InlineData("""{"schedule":"weekly-golden","cron":"0 0 3 * * 1 *","images":{"ids":["img-golden01"]},"retention":{"keepLats":4}}""", "retention.keepLats")]
    [InlineData("""{"schedule":"weekly-golden","cron":"0 0 3 * * 1 *","images":{"ids":["img-golden01"],"tags":{"a":"b"}}}""", "images")]
    [InlineData("""{"schedule":"weekly-golden","cron":"0 0 3 * * 1 *","images":{"ids":["img-golden01"]},"format":"iso"}""", "format")]
    [InlineData("""{"cron":"0 0 3 * * 1 *","images":{"ids":["img-golden01"]}}""", "schedule")]
    [InlineData("""not json""", "Message")]
    public async Task AMalformedScheduleIsALoudLogLineAndANotificationAndStartsNothing(string message, string field)
    {
        var h = new ScheduleHarness();
        h.App.Cvm.Catalog.Add(Some.LinuxImage(Golden));
        h.App.Time.SetUtcNow(FirstFiring + TimeSpan.FromSeconds(30));

        var answer = await h.FireAsync(message);
        await h.FireAsync(message);

        Assert.Equal("MalformedSchedule", answer["error"]!.GetValue<string>());
        Assert.Contains(field + ":", answer["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(h.App.Cvm.ExportCalls);
        Assert.Empty(h.App.Cvm.DryRunCalls);
        Assert.Empty(h.App.StateKeys("jobs/"));
        Assert.Contains(h.App.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("malformed", StringComparison.Ordinal) && l.Contains(field, StringComparison.Ordinal));
        foreach (var channel in h.App.Channels)
        {
            // Said once, however often the platform delivers the same firing.
            var notification = Assert.Single(channel.Delivered);
            Assert.Equal("failed", notification.Outcome);
            Assert.NotNull(notification.Run);
            Assert.Contains(field, notification.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ATimerEventWithoutAScheduleOnTheStartFunctionIsAnErrorClearlyLogged()
    {
        var h = new ScheduleHarness();

        var answer = await h.FireAsync("", trigger: "reconcile-exports");

        Assert.Equal("MalformedSchedule", answer["error"]!.GetValue<string>());
        Assert.Contains(h.App.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("reconcile-exports", StringComparison.Ordinal) && l.Contains("Message: is empty", StringComparison.Ordinal));
        Assert.Empty(h.App.StateKeys("jobs/"));
    }

    [Fact]
    public async Task AnHttpEventOnTheStartFunctionIsStillServedAsHttp()
    {
        var h = new ScheduleHarness();

        var health = await h.App.SendAsync("GET", "/healthz", token: null);

        Assert.Equal(200, health.Status);
    }
}
