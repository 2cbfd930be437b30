using System.Diagnostics;
using System.Text;
using ImageExport.TencentCloud;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Bench;

/// <summary>
/// A poll tick over 100, 1,000 and 10,000 active jobs. One job exports (it holds the only slot: cap 1) and the rest
/// wait in the queue, the steady state of a backlog. The jobs are clones of one queued job that the real start
/// function recorded and the real poll has looked at once, written straight into the emulated COS. Each tick runs
/// twice, as deployed and with progress sampling off, so the table shows what sampling adds.
/// </summary>
internal sealed class PollBench(Emulator emulator, Events events, Dictionary<string, string> env, Runtime runtime)
{
    private const string Prefix = ".image-export/";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public async Task RunAsync(IReadOnlyList<int> sizes, Report report)
    {
        using var http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var cos = new TencentCloudClientFactory(http, new Fixed(emulator.Credentials),
            new TencentCloudSettings { Region = emulator.Region, AppId = emulator.AppId, CosEndpoint = emulator.Cos },
            TimeProvider.System, Serilog.Core.Logger.None).CreateCos();

        await using (var start = Instance.Start(runtime, "exports.start", env))
        {
            await start.ReadyAsync(Timeout);
            Events.Accepted((await start.InvokeAsync(events.StartExport("img-bn000000", emulator.Bucket), Timeout)).Body);
            var (queuedJob, _) = Events.Accepted((await start.InvokeAsync(events.StartExport("img-bn000001", emulator.Bucket), Timeout)).Body);
            await using var poll = Instance.Start(runtime, "exports.poll", env);
            await poll.ReadyAsync(Timeout);
            await poll.InvokeAsync(events.Timer, Timeout); // each job's first look
            // The same tick with progress sampling off: what the tick costs besides sampling, which has a budget of its
            // own (per exporting job; bench/run.sh progress).
            await using var withoutSampling = Instance.Start(runtime, "exports.poll", new Dictionary<string, string>(env) { ["IMAGEEXPORT_PROGRESS"] = "false" });
            await withoutSampling.ReadyAsync(Timeout);

            var template = await TemplateAsync(cos, queuedJob);
            var active = 2;
            foreach (var size in sizes)
            {
                await SeedAsync(cos, template, queuedJob, size - active);
                active = size;
                var (cosRequests, cvmRequests, ms, answer) = await TickAsync(poll);
                var (cosAlone, cvmAlone, msAlone, _) = await TickAsync(withoutSampling);
                report.PollTick(new PollTickFigures(size, cosRequests, cvmRequests, cosAlone, cvmAlone, ms, msAlone, answer));
                Console.Error.WriteLine($"poll tick over {size} active job(s): {ms:F0} ms; without sampling {msAlone:F0} ms");
            }
        }
    }

    /// <summary>One tick: the requests the emulator counted meanwhile, the wall time and the answer.</summary>
    private async Task<(int Cos, int Cvm, double Ms, string Answer)> TickAsync(Instance poll)
    {
        var cosBefore = emulator.CosRequests;
        var cvmBefore = emulator.CvmRequests;
        var sent = Stopwatch.GetTimestamp();
        var answer = await poll.InvokeAsync(events.Timer, Timeout);
        var ms = (answer.At - sent) * 1000.0 / Stopwatch.Frequency;
        return (emulator.CosRequests - cosBefore, emulator.CvmRequests - cvmBefore, ms, Encoding.UTF8.GetString(answer.Body));
    }

    private async Task<List<(string Key, byte[] Content)>> TemplateAsync(ICosApi cos, string jobId)
    {
        var objects = new List<(string, byte[])>();
        foreach (var under in new[] { "jobs/" + jobId + "/", "active/" + jobId, "index/" })
        {
            var page = await cos.ListObjectsAsync(emulator.Bucket, Prefix + under, null, 1000, CancellationToken.None);
            foreach (var o in page.Objects.Where(o => o.Key.Contains(jobId, StringComparison.Ordinal)))
            {
                objects.Add((o.Key, (await cos.GetObjectAsync(emulator.Bucket, o.Key, CancellationToken.None))!.Content.ToArray()));
            }
        }
        return objects;
    }

    private async Task SeedAsync(ICosApi cos, List<(string Key, byte[] Content)> template, string templateId, int count)
    {
        var stamp = templateId[..20]; // "exp-<yyyyMMdd>t<HHmmss>-"
        var ids = Enumerable.Range(0, count).Select(_ => stamp + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
        {
            foreach (var (key, content) in template)
            {
                var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace(templateId, id, StringComparison.Ordinal));
                await cos.PutObjectAsync(emulator.Bucket, key.Replace(templateId, id, StringComparison.Ordinal), body, "application/json", forbidOverwrite: true, ct);
            }
        });
    }

    private sealed class Fixed(TencentCredentials credentials) : ICredentialsProvider
    {
        public TencentCredentials GetCredentials() => credentials;
    }
}
