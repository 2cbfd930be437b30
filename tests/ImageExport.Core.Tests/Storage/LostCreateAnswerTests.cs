using ImageExport.Core.Notifications.Delivery;
using ImageExport.Core.Storage;
using ImageExport.Core.Tests.Support;

namespace ImageExport.Core.Tests.Storage;

/// <summary>
/// A create-only write whose answer was lost: COS stored the object, the client timed out or lost the connection and
/// sent the PUT again, and COS answered that retry "already exists". The writer must know the object is its own (the
/// writer name it carries), or a start submits nothing, a claim is never used and a delivery waits out its lease.
/// </summary>
public sealed class LostCreateAnswerTests
{
    private static bool IsFirstEvent(string key) => key.Contains("/jobs/", StringComparison.Ordinal) && key.EndsWith("/000001.json", StringComparison.Ordinal);

    [Fact]
    public async Task AStartWhoseJobWasStoredButWhoseAnswerWasLostStillSubmitsTheExportOnce()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());
        var lost = 0;
        app.Cos.LoseCreateAnswer = key => IsFirstEvent(key) && Interlocked.Increment(ref lost) == 1;

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        Assert.Equal(1, lost);
        Assert.Equal(202, started.Status);
        Assert.Single(app.Cvm.ExportCalls);
        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("submitted", job.Body!["images"]![0]!["submission"]!.GetValue<string>());

        // The poll that follows finds nothing to resubmit.
        app.Time.Advance(TimeSpan.FromHours(1));
        await app.PollAsync();
        Assert.Single(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task AnEventAppendedWhoseAnswerWasLostIsNotTakenForALostRace()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());
        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        var lost = 0;
        app.Cos.LoseCreateAnswer = key => key.Contains("/jobs/", StringComparison.Ordinal) && Interlocked.Increment(ref lost) == 1;

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        Assert.Equal(1, lost);
        var job = await app.SendAsync("GET", $"/exports/{started.JobId}");
        Assert.Equal("completed", job.Body!["state"]!.GetValue<string>());
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
        // One event each: the lost answer's event was not written a second time under the next number.
        var events = app.StateKeys($"jobs/{started.JobId}/");
        Assert.Equal(events.Count, events.Distinct().Count());
        Assert.Single(app.Cvm.ExportCalls);
    }

    [Fact]
    public async Task ADeliveryWhoseClaimWasStoredButWhoseAnswerWasLostIsSentAtOnceAndOnlyOnce()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage());
        await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        app.Cos.LoseCreateAnswer = key => key.Contains("/notify/", StringComparison.Ordinal) && key.EndsWith("/claim-001", StringComparison.Ordinal);

        await app.NotifyAsync(app.Cvm.Finish("img-linux001"));

        // Sent by the notify that claimed it, not by a poll once the claim's lease has run out.
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));

        app.Time.Advance(TimeSpan.FromHours(1)); // past every lease
        await app.PollAsync();
        Assert.All(app.Channels, c => Assert.Single(c.Delivered));
        Assert.All(app.Channels, c => Assert.Equal(1, c.Attempts));
        Assert.Empty(app.StateKeys("active/"));
    }

    [Fact]
    public async Task OfWritersRacingForOneKeyExactlyOneWinsEvenWhenTheWinnersAnswerIsLost()
    {
        var app = new TestApp();
        var store = new StateStore(app.Cos, TestApp.Bucket, TestApp.StatePrefix);
        var lost = 0;
        app.Cos.LoseCreateAnswer = _ => Interlocked.Increment(ref lost) == 1;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.TryCreateAsync("race/key.json", new DeliveryMarker(app.Time.GetUtcNow(), $"writer {i}"), DeliveryJson.Default.DeliveryMarker, CancellationToken.None)));

        Assert.Equal(1, lost);
        Assert.Single(results, won => won);
    }
}
