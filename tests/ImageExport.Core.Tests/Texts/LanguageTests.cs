using ImageExport.Core.Texts;

namespace ImageExport.Core.Tests.Texts;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("ko-KR", "ko-KR")]
    [InlineData("ko", "ko-KR")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-Hans-CN", "zh-CN")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("fr-FR,ko;q=0.5,en;q=0.4", "ko-KR")]
    [InlineData("en;q=0.3,ko-KR;q=0.8", "ko-KR")]
    [InlineData("zh-TW,ko;q=0.7", "ko-KR")]
    [InlineData("zh-Hant,en;q=0.1", "en")]
    public void AcceptLanguageChoosesTheFirstOfOursByPreference(string header, string expected) =>
        Assert.Equal(expected, Language.FromAcceptLanguage(header)?.Tag);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fr-FR, de;q=0.8")]
    [InlineData("*")]
    [InlineData("ko;q=0")]
    [InlineData("zh-TW")]
    public void AHeaderNamingNoneOfOursChoosesNothing(string? header) => Assert.Null(Language.FromAcceptLanguage(header));

    [Theory]
    [InlineData("en", "en")]
    [InlineData("zh-cn", "zh-CN")]
    [InlineData(" KO-KR ", "ko-KR")]
    public void ASettingNamesOneOfTheThreeTags(string value, string expected) => Assert.Equal(expected, Language.FromTag(value)?.Tag);

    [Theory]
    [InlineData("zh")]
    [InlineData("chinese")]
    [InlineData("ja-JP")]
    public void ASettingThatIsNotOneOfTheTagsIsNotGuessed(string value) => Assert.Null(Language.FromTag(value));
}
