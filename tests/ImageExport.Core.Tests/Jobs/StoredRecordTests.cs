using System.Text;
using System.Text.Json;
using ImageExport.Core.Jobs;
using ImageExport.Core.Json;

namespace ImageExport.Core.Tests.Jobs;

/// <summary>
/// Job records outlive a deploy: a record written before the progress fields existed still loads and folds, and a
/// record with fields this code does not know (as the previous version sees the new stalled fields) loads with them
/// ignored.
/// </summary>
public sealed class StoredRecordTests
{
    private static ImageExport.Core.State.StoredEvent Load(string name) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Jobs", "StoredRecords", name), Encoding.UTF8), CoreJson.Default.StoredEvent)!;

    [Fact]
    public void ARecordWrittenBeforeProgressLoadsAsNotStalledAndTakesTheNewEvents()
    {
        var stored = Load("before-progress.json");
        var image = stored.Job.Images.Single();

        Assert.False(image.Stalled);
        Assert.Null(image.LastProgressAt);
        Assert.Equal(FileStates.Landed, image.Files[0].State);
        var at = new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero);
        var stalled = JobFold.Apply(stored.Job, new JobEvent { Type = JobEventTypes.Stalled, At = at, ImageIds = ["img-linux001"], LastProgressAt = at.AddMinutes(-30) });
        Assert.True(stalled.Images[0].Stalled);
        Assert.Equal(at.AddMinutes(-30), stalled.Images[0].LastProgressAt);
        Assert.Equal(4, stalled.Seq);
    }

    [Fact]
    public void FieldsThisCodeDoesNotKnowAreIgnoredNotRefused()
    {
        var stored = Load("with-stall.json");

        Assert.Equal(JobEventTypes.Stalled, stored.Event.Type);
        Assert.True(stored.Job.Images[0].Stalled);
        Assert.Equal("exporting", stored.Job.State);
    }

    [Fact]
    public void AnEventTypeThisCodeDoesNotKnowChangesNothingWhenFolded()
    {
        var job = Load("before-progress.json").Job;

        var folded = JobFold.Apply(job, new JobEvent { Type = "some-later-type", At = job.UpdatedAt.AddMinutes(1), ImageIds = ["img-linux001"] });

        Assert.Equal(job.Images, folded.Images);
        Assert.Equal(job.State, folded.State);
    }

    [Fact]
    public void ARecordWrittenBeforeSchedulesLoadsWithoutAScheduleAndRetentionEventsLeaveItAsItWas()
    {
        var job = Load("before-progress.json").Job;
        var at = job.UpdatedAt.AddDays(30);

        var decided = JobFold.Apply(job, new JobEvent
        {
            Type = ImageExport.Core.Schedules.RetentionEvents.ExpiryDecided,
            At = at,
            Expiry = new ImageExport.Core.Schedules.ExpiryRecord { ByJobId = "exp-20261226t190030-00000000", Files = [new LandedFile(job.Images[0].Files[0].Key, 1)] },
        });

        Assert.Null(job.Schedule);
        Assert.Null(decided.Schedule);
        Assert.Equal(job.Images, decided.Images);
        Assert.Null(job.Images[0].Files[0].DeletedAt);
    }

    [Fact]
    public void ARecordOfARunWhoseFilesRetentionDeletedLoadsWithItsScheduleAndDeletedFiles()
    {
        var stored = Load("with-retention.json");
        var job = stored.Job;

        Assert.Equal("weekly-golden", job.Schedule!.Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 19, 0, 0, TimeSpan.Zero), job.Schedule.Slot);
        Assert.Equal(4, job.Schedule.Retention!.KeepLast);
        Assert.Null(job.Schedule.PendingExpiry);
        var file = job.Images[0].Files.Single();
        Assert.Equal(FileStates.Deleted, file.State);
        Assert.Equal(new DateTimeOffset(2026, 12, 20, 19, 25, 0, TimeSpan.Zero), file.DeletedAt);
        Assert.Equal(JobStates.Completed, job.State);
        Assert.Equal("exp-20261220t190030-7c1d2e3f", stored.Event.Expiry!.ByJobId);
    }
}
