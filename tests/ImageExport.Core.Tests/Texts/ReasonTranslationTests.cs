using ImageExport.Core.Texts;

namespace ImageExport.Core.Tests.Texts;

/// <summary>Reasons are recorded in English; a reader of another language gets them in theirs, values unchanged.</summary>
public sealed class ReasonTranslationTests
{
    // Written by the current code and by the code before the catalog (the same words): records on COS hold these.
    private const string TimedOut = "timed out after 2h05m (the limit for 30 GiB is 2h00m); 1 of 2 file(s) landed";
    private const string TimedOutUnknown = "timed out after 45 min (the limit for 10 GiB is 40 min); 0 of 1 file(s) landed; whether CVM ever started the export is unknown";
    private const string Rejected = "img-8a1b2c3d is encrypted; encrypted images cannot be exported (UnsupportedOperation.EncryptedImagesNotSupported)";

    [Fact]
    public void ATimedOutReasonIsWrittenInChineseAndKoreanWithItsFigures()
    {
        Assert.Equal("导出超时：已用 2h05m（30 GiB 的时限为 2h00m）；2 个文件中已写入 1 个", ReasonTranslation.Translate(TimedOut, Language.SimplifiedChinese));
        Assert.Equal("시간 초과: 2h05m 경과(30GiB의 제한 시간은 2h00m), 파일 2개 중 1개 생성됨", ReasonTranslation.Translate(TimedOut, Language.Korean));
        Assert.EndsWith("无法确定 CVM 是否曾开始导出", ReasonTranslation.Translate(TimedOutUnknown, Language.SimplifiedChinese), StringComparison.Ordinal);
    }

    [Fact]
    public void ACvmRejectionIsTranslatedInsideItsCode()
    {
        Assert.Equal("镜像 img-8a1b2c3d 已加密；加密镜像不支持导出（UnsupportedOperation.EncryptedImagesNotSupported）",
            ReasonTranslation.Translate(Rejected, Language.SimplifiedChinese));
    }

    [Fact]
    public void AJobReasonTranslatesEachImagesPart()
    {
        var job = $"img-aaaaaaaa: {TimedOut}; img-bbbbbbbb: {Rejected}";

        var korean = ReasonTranslation.Translate(job, Language.Korean);

        Assert.StartsWith("img-aaaaaaaa: 시간 초과: 2h05m 경과", korean, StringComparison.Ordinal);
        Assert.Contains("; img-bbbbbbbb: img-8a1b2c3d은(는) 암호화되어 있습니다", korean, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no file after 6 h (timeout)")]
    [InlineData("ExportImagesFailed (InternalError)")]
    [InlineData("")]
    public void AReasonNoCatalogTextProducedIsShownAsRecorded(string reason) =>
        Assert.Equal(reason, ReasonTranslation.Translate(reason, Language.SimplifiedChinese));

    [Fact]
    public void InEnglishNothingChanges() => Assert.Equal(TimedOut, ReasonTranslation.Translate(TimedOut, Language.English));

    [Fact]
    public void TheEnglishTheCodeWritesIsWhatIsReadBack()
    {
        // The poll writes reasons from the English texts; they must read back whole, not fall through to "as recorded".
        var written = Catalog.Format(Language.English, "reason.waitingForSlot", ("running", "5"), ("max", "5"));

        Assert.Equal("正在等待空闲的导出名额（运行中 5 个，最多同时 5 个）", ReasonTranslation.Translate(written, Language.SimplifiedChinese));
    }
}
