using ImageExport.Core.Notifications;
using Microsoft.Extensions.Time.Testing;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Notifications;

/// <summary>What every channel's message says, checked on the renderer they share.</summary>
public sealed class NotificationContentTests
{
    private static string Markdown(ExportNotification notification, decimal? price = null, DateTimeOffset? now = null)
    {
        var renderer = new NotificationRenderer(
            PricingSettings.Default with { PricePerGbMonth = price }, new FakeTimeProvider(now ?? SomeNotification.Now));
        return renderer.Render(notification, MarkupDialect.Markdown).Body;
    }

    [Fact]
    public void ACompletedMessageNamesTheJobImageKeysSizesLinksAndTheirTrueExpiry()
    {
        var text = Markdown(SomeNotification.Completed());

        Assert.Contains("Image export completed: job job-42", text, StringComparison.Ordinal);
        Assert.Contains("Job: `job-42`", text, StringComparison.Ordinal);
        Assert.Contains("Region: ap-guangzhou", text, StringComparison.Ordinal);
        Assert.Contains("Bucket: `backup-1250000000`", text, StringComparison.Ordinal);
        Assert.Contains("Format: RAW", text, StringComparison.Ordinal);
        Assert.Contains("**Image img-8a1b2c3d** (web-base, TencentOS Server 3.1): completed", text, StringComparison.Ordinal);
        Assert.Contains($"`{SomeNotification.SystemKey}`: 10.00 GiB (10,737,418,240 bytes)", text, StringComparison.Ordinal);
        Assert.Contains($"`{SomeNotification.DataKey}`: 0.50 GiB (536,870,912 bytes)", text, StringComparison.Ordinal);
        Assert.Contains($"[download]({SomeNotification.DownloadUrl(SomeNotification.SystemKey).AbsoluteUri})", text, StringComparison.Ordinal);
        Assert.Contains("link valid until 2026-03-01 10:00:00 (UTC)", text, StringComparison.Ordinal);
        Assert.Contains("Export took: 1 h 30 min 15 s", text, StringComparison.Ordinal);
        Assert.Contains("Started: 2026-03-01 02:00:00 (UTC)", text, StringComparison.Ordinal);
        Assert.Contains("Finished: 2026-03-01 03:30:15 (UTC)", text, StringComparison.Ordinal);
        Assert.Contains("Files: 2, 10.50 GiB (11,274,289,152 bytes) in total", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExpiryGivenInAnotherOffsetIsShownInUtc()
    {
        var notification = SomeNotification.Completed();
        var file = notification.Images[0].Files[0] with { DownloadUrlExpiresAt = new DateTimeOffset(2026, 3, 1, 18, 0, 0, TimeSpan.FromHours(8)) };
        notification = notification with { Images = [notification.Images[0] with { Files = [file] }] };

        Assert.Contains("link valid until 2026-03-01 10:00:00 (UTC)", Markdown(notification), StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkThatHasAlreadyDiedIsSaidToHaveExpired()
    {
        var text = Markdown(SomeNotification.Completed(), now: SomeNotification.LinkExpiry.AddMinutes(1));

        Assert.Contains("link expired at 2026-03-01 10:00:00 (UTC)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("link valid until", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFeeNotesOfTencentsGuideAreThere()
    {
        var text = Markdown(SomeNotification.Completed());

        Assert.Contains("COS storage is billed by size and storage class: 10.50 GiB (11,274,289,152 bytes) stored as STANDARD.", text, StringComparison.Ordinal);
        Assert.Contains("Write requests are billed", text, StringComparison.Ordinal);
        Assert.Contains("Downloading over the public network is billed", text, StringComparison.Ordinal);
        Assert.Contains("Downloading over the private network from the same region (ap-guangzhou) is free.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMonthlyStorageCostAppearsOnlyWithAConfiguredPrice()
    {
        Assert.DoesNotContain("Monthly storage cost", Markdown(SomeNotification.Completed()), StringComparison.Ordinal);

        // 10 GiB + 512 MiB = 10.5 GB of 2^30 bytes; 10.5 × 0.118 = 1.239.
        var text = Markdown(SomeNotification.Completed(), price: 0.118m);
        Assert.Contains("Monthly storage cost: 10.50 GB × 0.118 CNY per GB-month ≈ 1.24 CNY per month (1 GB counted as 2^30 bytes", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L << 40, "0.1", "102.40")]          // 1 TiB = 1024 GB
    [InlineData(3L << 30, "0.025", "0.08")]          // 0.075 rounds away from zero
    [InlineData(100L << 20, "0.01", "less than 0.01")]
    public void TheMonthlyCostIsTotalGigabytesTimesThePrice(long bytes, string price, string expected)
    {
        var notification = SomeNotification.Completed();
        var file = notification.Images[0].Files[0] with { Size = bytes };
        notification = notification with { Images = [notification.Images[0] with { Files = [file] }] };

        var facts = NotificationFacts.From(notification, PricingSettings.Default with { PricePerGbMonth = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(bytes / (decimal)(1L << 30) * decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), facts.MonthlyStorageCost);
        Assert.Contains($"≈ {expected} CNY per month", string.Join("\n", facts.FeeNotes), StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedMessageSaysWhyInTheSummaryAndForTheImage()
    {
        var text = Markdown(SomeNotification.Failed("no file after 6 h (timeout)"));

        Assert.Contains("Image export failed: job job-42", text, StringComparison.Ordinal);
        Assert.Contains("Outcome: **failed**: no file after 6 h (timeout)", text, StringComparison.Ordinal);
        Assert.Contains("- Reason: no file after 6 h (timeout)", text, StringComparison.Ordinal);
        Assert.Contains("Files: none", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Fees", text, StringComparison.Ordinal); // nothing stored, nothing to pay for
    }

    [Fact]
    public void AFileNoJobKnowsIsAnnouncedAsSuch()
    {
        var text = Markdown(SomeNotification.UnknownFile());

        Assert.Contains("An export-shaped file no job knows landed in backup-1250000000", text, StringComparison.Ordinal);
        Assert.Contains("an export-shaped file no job knows", text, StringComparison.Ordinal);
        Assert.Contains("`exports/console_xvda.raw`", text, StringComparison.Ordinal);
        Assert.Contains("no download link", text, StringComparison.Ordinal);
        Assert.Contains("**Files no job knows**", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownInNamesIsEscapedSoItCannotFormatTheMessage()
    {
        var text = Markdown(SomeNotification.WithImageName("web_base*v2 [prod] <font color=\"warning\">x</font>"));

        Assert.Contains(@"web\_base\*v2 \[prod\] \<font color=""warning""\>x\</font\>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("web_base*", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ANameCannotBreakOutOfItsLine()
    {
        var text = Markdown(SomeNotification.WithImageName("evil\n# Heading\n- fake"));

        Assert.DoesNotContain("\n# Heading", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n- fake", text, StringComparison.Ordinal);
        Assert.Contains("(evil # Heading - fake, TencentOS Server 3.1)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyWithBackticksKeepsItsCodeSpanIntact()
    {
        var notification = SomeNotification.Completed();
        var file = notification.Images[0].Files[0] with { Key = "odd`key``name.raw" };
        notification = notification with { Images = [notification.Images[0] with { Files = [file] }] };

        Assert.Contains("```odd`key``name.raw```", Markdown(notification), StringComparison.Ordinal);
    }

    [Fact]
    public void ParenthesesInALinkAreEncodedSoTheLinkIsNotCutShort()
    {
        var notification = SomeNotification.Completed();
        var file = notification.Images[0].Files[0] with { DownloadUrl = new Uri("https://b-1250000000.cos.ap-guangzhou.myqcloud.com/disk(1).raw?q-signature=ab") };
        notification = notification with { Images = [notification.Images[0] with { Files = [file] }] };

        Assert.Contains("[download](https://b-1250000000.cos.ap-guangzhou.myqcloud.com/disk%281%29.raw?q-signature=ab)", Markdown(notification), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownDurationIsSaidPlainly()
    {
        var text = Markdown(SomeNotification.Completed() with { FinishedAt = null });

        Assert.Contains("Export took: unknown", text, StringComparison.Ordinal);
        Assert.Contains("Started: 2026-03-01 02:00:00 (UTC)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Finished:", text, StringComparison.Ordinal);
    }
}
