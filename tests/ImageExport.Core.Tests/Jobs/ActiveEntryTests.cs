using ImageExport.Core.Jobs;

namespace ImageExport.Core.Tests.Jobs;

public sealed class ActiveEntryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static JobRecord Job(int seq, params string[] imageStates) => new()
    {
        JobId = "exp-20261126t100000-0123abcd",
        Seq = seq,
        State = JobStates.Exporting,
        CreatedAt = Now,
        UpdatedAt = Now,
        Bucket = "exports-1250000000",
        Region = "ap-guangzhou",
        Prefix = "p",
        Format = "raw",
        RoleName = "CVM_QcsRole",
        Images = imageStates.Select((s, n) => new ImageRecord { ImageId = $"img-linux00{n}", State = s }).ToList(),
    };

    [Fact]
    public void AKeySaysWhenTheJobIsDueAndHowManyImagesRunAndWait()
    {
        var entry = ActiveEntry.For(Job(7, JobStates.Exporting, JobStates.Queued, JobStates.Queued), Now.AddMinutes(5).AddMilliseconds(300));

        var parsed = ActiveEntry.Parse(entry.Key)!;

        Assert.Equal("active/exp-20261126t100000-0123abcd/000007-20261126T100500-r1-q2", entry.Key);
        Assert.Equal((7, 1, 2), (parsed.Seq, parsed.Running, parsed.Queued));
        Assert.False(parsed.IsDue(Now.AddMinutes(4)));
        Assert.True(parsed.IsDue(Now.AddMinutes(5)));
    }

    [Fact]
    public void AJobThatOnlyWaitsForASlotIsNeverDueByTime()
    {
        var parsed = ActiveEntry.Parse(ActiveEntry.For(Job(2, JobStates.Queued), null).Key)!;

        Assert.Null(parsed.Due);
        Assert.False(parsed.IsDue(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void TheKeyOfTheLatestEventSpeaksForTheJob()
    {
        var older = ActiveEntry.For(Job(3, JobStates.Queued), null);
        var newer = ActiveEntry.For(Job(4, JobStates.Exporting), Now);
        var later = ActiveEntry.For(Job(4, JobStates.Exporting), Now.AddMinutes(1));

        var (current, stale) = JobStore.Current([later, older, newer]);

        Assert.Equal(later.Key, Assert.Single(current).Key);
        Assert.Equal(2, stale.Count);
    }

    [Theory]
    [InlineData("active/exp-20261126t100000-0123abcd", true)]
    [InlineData("active/not-a-job", false)]
    [InlineData("active/exp-20261126t100000-0123abcd/x-never-r0-q1", false)]
    [InlineData("active/exp-20261126t100000-0123abcd/000001-soon-r0-q1", false)]
    public void OnlyKeysOfValidJobsAreRead(string key, bool valid)
    {
        var parsed = ActiveEntry.Parse(key);

        Assert.Equal(valid, parsed is not null);
        if (parsed is not null)
        {
            Assert.True(parsed.IsLegacy && parsed.IsDue(Now));
        }
    }
}
