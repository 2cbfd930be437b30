using ImageExport.Core.Notifications.Delivery;
using ImageExport.TencentCloud.Cos;

namespace ImageExport.Core.Tests.Delivery;

public sealed class ChannelProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Retry = TimeSpan.FromMinutes(1);

    private static ChannelProgress Progress(params (string Name, DateTimeOffset At)[] markers) =>
        ChannelProgress.From(markers.ToDictionary(m => m.Name, m => new CosObjectInfo(m.Name, 10, null, m.At, null)));

    [Fact]
    public void AChannelNeverTriedIsTriedFirst() => Assert.Equal(1, Progress().NextAttempt(T0, Lease, Retry, 5));

    [Fact]
    public void AClaimWithoutOutcomeIsLeftAloneUntilItsLeaseEnds()
    {
        var progress = Progress(("claim-001", T0));

        Assert.Equal(0, progress.NextAttempt(T0.AddMinutes(9), Lease, Retry, 5));
        Assert.Equal(2, progress.NextAttempt(T0.AddMinutes(10), Lease, Retry, 5));
    }

    [Fact]
    public void RetriesWaitTwiceAsLongAfterEachFailure()
    {
        var progress = Progress(("claim-001", T0), ("failed-001", T0), ("claim-002", T0.AddMinutes(1)), ("failed-002", T0.AddMinutes(1)));

        Assert.Equal(0, progress.NextAttempt(T0.AddMinutes(2.5), Lease, Retry, 5));
        Assert.Equal(3, progress.NextAttempt(T0.AddMinutes(3), Lease, Retry, 5));
    }

    [Fact]
    public void AfterTheLastAttemptFailsTheChannelIsGivenUp()
    {
        var progress = Progress(("claim-001", T0), ("failed-001", T0), ("claim-002", T0), ("failed-002", T0));

        Assert.Equal(-1, progress.NextAttempt(T0.AddHours(1), Lease, Retry, 2));
    }

    [Theory]
    [InlineData("delivered")]
    [InlineData("abandoned")]
    public void ADeliveredOrAbandonedChannelIsDone(string marker)
    {
        var progress = Progress(("claim-001", T0), (marker, T0));

        Assert.True(progress.Finished);
        Assert.Equal(0, progress.NextAttempt(T0.AddDays(1), Lease, Retry, 5));
    }
}
