using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ImageExport.Reliability.Tests.Support;

namespace ImageExport.Reliability.Tests;

/// <summary>A burst against the start endpoint through the local stack: half the requests with repeated Idempotency-Keys.</summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ABurstOfStartsGetsNoServerErrorAndOneJobPerIdempotencyKey()
    {
        var total = Size.LoadRequests;
        var keyed = total / 2;
        const int RepeatsPerKey = 5;
        var keys = keyed / RepeatsPerKey;
        var unkeyed = total - keys * RepeatsPerKey;
        await using var stack = await ReliabilityStack.StartAsync(new StackSetup { Images = unkeyed + keys, ExportLimit = 5 });

        // Unkeyed requests each export their own image; each key is sent RepeatsPerKey times with the same body.
        var plan = Enumerable.Range(0, unkeyed).Select(i => (ImageId: Catalog.ImageId(i), Key: (string?)null))
            .Concat(Enumerable.Range(0, keys).SelectMany(k => Enumerable.Repeat((ImageId: Catalog.ImageId(unkeyed + k), Key: (string?)$"load-{k}"), RepeatsPerKey)))
            .OrderBy(_ => Random.Shared.Next()).ToList();
        var results = new ConcurrentBag<(string? Key, int Status, string? JobId, double Ms)>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = Size.LoadConcurrency }, async (item, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var (status, body, _) = await stack.PostExportAsync(ReliabilityStack.ExportBody(item.ImageId), item.Key);
            results.Add((item.Key, status, (string?)body?["jobId"], Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        });
        var elapsed = clock.Elapsed;

        var serverErrors = results.Count(r => r.Status >= 500);
        var byKey = results.Where(r => r.Key is not null).GroupBy(r => r.Key!).ToList();
        var keysWithSeveralJobs = byKey.Count(g => g.Select(r => r.JobId).Distinct().Count() > 1);
        var jobsRecorded = stack.StateKeys().Count(k => k.StartsWith(".image-export/index/", StringComparison.Ordinal));
        var latencies = results.Select(r => r.Ms).ToList();
        var keyedImagesExportedTwice = Enumerable.Range(unkeyed, keys).Count(i => stack.Emulator.Counters.ExportsStartedFor(Catalog.ImageId(i)) > 1);

        var figures = new Figures($"Load: {total} starts, {Size.LoadConcurrency} concurrent ({unkeyed} without a key, {keys} keys × {RepeatsPerKey})", output);
        figures.Add("answers by status", string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        figures.Add("5xx answers", serverErrors);
        figures.Add("keys that produced more than one job", keysWithSeveralJobs);
        figures.Add("keyed images exported more than once", keyedImagesExportedTwice);
        figures.Add("jobs recorded (index entries) / jobs answered", $"{jobsRecorded} / {unkeyed + keys}");
        foreach (var p in new[] { 50, 90, 95, 99, 100 })
        {
            figures.Add($"latency p{p} (ms)", Figures.Percentile(latencies, p).ToString("0.0", CultureInfo.InvariantCulture));
        }

        figures.Add("throughput (requests/s)", (total / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture));
        figures.Publish();

        Assert.Equal(0, serverErrors);
        Assert.All(results, r => Assert.Equal(202, r.Status));
        Assert.Equal(0, keysWithSeveralJobs);
        Assert.Equal(0, keyedImagesExportedTwice);
        // One listed job per unkeyed request and one per key, however the key's race went.
        Assert.Equal(unkeyed + keys, jobsRecorded);
    }
}
