using ImageExport.Core.Jobs;
using ImageExport.Core.Storage;
using ImageExport.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace ImageExport.Core.Tests.Jobs;

public sealed class JobStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeCos _cos;
    private readonly JobStore _store;

    public JobStoreTests()
    {
        _cos = new FakeCos(_time);
        _cos.AddBucket("state-1250000000", "ap-guangzhou");
        _store = new JobStore(new StateStore(_cos, "state-1250000000", "s/"), Logger.None);
    }

    private JobRecord NewJob(int files)
    {
        var now = _time.GetUtcNow();
        return new JobRecord
        {
            JobId = JobIds.New(now),
            State = JobStates.Exporting,
            CreatedAt = now,
            UpdatedAt = now,
            Bucket = "exports-1250000000",
            Region = "ap-guangzhou",
            Prefix = "p",
            Format = "raw",
            RoleName = "CVM_QcsRole",
            Images =
            [
                new ImageRecord
                {
                    ImageId = "img-linux001",
                    State = JobStates.Exporting,
                    Submission = Submissions.Submitted,
                    ExportStartedAt = now,
                    Files = Enumerable.Range(0, files).Select(i => new FileRecord { Key = $"p_img-linux001_data_snap-{i}.raw", State = FileStates.Pending }).ToList(),
                },
            ],
        };
    }

    [Fact]
    public async Task ConcurrentWritersLoseNoUpdate()
    {
        var (job, _) = await _store.CreateAsync(NewJob(files: 8), CancellationToken.None);

        await Task.WhenAll(job.Images[0].Files.Select(f => Task.Run(() => _store.AppendAsync(job.JobId, null, j =>
            j.Images[0].Files.Single(x => x.Key == f.Key).State == FileStates.Pending
                ? new JobEvent { Type = JobEventTypes.FilesLanded, At = _time.GetUtcNow(), Files = [new LandedFile(f.Key, 1)] }
                : null,
            CancellationToken.None))));

        var read = await _store.ReadAsync(job.JobId, CancellationToken.None);
        Assert.All(read!.Images[0].Files, f => Assert.Equal(FileStates.Landed, f.State));
        Assert.Equal(JobStates.Completed, read.State);
        Assert.Equal(9, read.Seq);
        Assert.Equal(9, _cos.Keys("state-1250000000", $"s/jobs/{job.JobId}/").Count);
    }

    [Fact]
    public async Task TwoWritersDecidingDifferentEventsAtTheSameSequenceNumberCollideAndNeitherIsLost()
    {
        var (job, _) = await _store.CreateAsync(NewJob(files: 1), CancellationToken.None);
        var key = job.Images[0].Files[0].Key;

        // Both decide on the same record (seq 1): one lands the file, the other times the image out.
        var landed = await _store.AppendAsync(job.JobId, job, _ =>
            new JobEvent { Type = JobEventTypes.FilesLanded, At = _time.GetUtcNow(), Files = [new LandedFile(key, 5)] }, CancellationToken.None);
        var decisions = new List<int>();
        var timedOut = await _store.AppendAsync(job.JobId, job, j =>
        {
            decisions.Add(j.Seq);
            return j.State == JobStates.Exporting
                ? new JobEvent { Type = JobEventTypes.TimedOut, At = _time.GetUtcNow(), ImageIds = ["img-linux001"], Reason = "timed out" }
                : null;
        }, CancellationToken.None);

        Assert.Equal(2, landed.Job!.Seq);
        Assert.Equal([1, 2], decisions);
        Assert.Null(timedOut.Written);
        var read = await _store.ReadAsync(job.JobId, CancellationToken.None);
        Assert.Equal(JobStates.Completed, read!.State);
        Assert.Equal(2, _cos.Keys("state-1250000000", $"s/jobs/{job.JobId}/").Count);
    }

    [Fact]
    public async Task TheSameJobRecordedTwiceWithClocksApartIsListedOnce()
    {
        var job = NewJob(files: 1);

        var (_, first) = await _store.CreateAsync(job, CancellationToken.None);
        var (_, second) = await _store.CreateAsync(job with { CreatedAt = job.CreatedAt.AddMilliseconds(350) }, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Single(_cos.Keys("state-1250000000", "s/index/"));
    }

    [Fact]
    public async Task ADecisionOnAStaleRecordIsRetakenOnTheLatestOne()
    {
        var (job, _) = await _store.CreateAsync(NewJob(files: 2), CancellationToken.None);
        var key0 = job.Images[0].Files[0].Key;
        await _store.AppendAsync(job.JobId, null, _ => new JobEvent { Type = JobEventTypes.FilesLanded, At = _time.GetUtcNow(), Files = [new LandedFile(key0, 5)] }, CancellationToken.None);

        var decisions = 0;
        var result = await _store.AppendAsync(job.JobId, job, j =>
        {
            decisions++;
            return j.Images[0].Files[0].State == FileStates.Pending
                ? new JobEvent { Type = JobEventTypes.FilesLanded, At = _time.GetUtcNow(), Files = [new LandedFile(key0, 5)] }
                : null;
        }, CancellationToken.None);

        Assert.Equal(2, decisions);
        Assert.Null(result.Written);
        Assert.Equal(2, result.Job!.Seq);
    }

    [Fact]
    public async Task CreatingAJobTwiceKeepsTheFirst()
    {
        var job = NewJob(files: 1);

        var first = await _store.CreateAsync(job, CancellationToken.None);
        var second = await _store.CreateAsync(job with { Prefix = "other" }, CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal("p", second.Job.Prefix);
    }

    [Fact]
    public async Task ActiveJobsAreListedOldestFirst()
    {
        var older = NewJob(1);
        _time.Advance(TimeSpan.FromHours(1));
        var newer = NewJob(1);
        await _store.CreateAsync(newer, CancellationToken.None);
        await _store.CreateAsync(older, CancellationToken.None);

        Assert.Equal([older.JobId, newer.JobId], await _store.ListActiveAsync(CancellationToken.None));
    }
}
