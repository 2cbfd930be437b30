using System.Text.Json;
using System.Text.RegularExpressions;
using ImageExport.Core.Texts;

namespace ImageExport.Core.Tests.Texts;

/// <summary>The catalog is whole: every text in every language, with the same placeholders, and every key the code uses exists.</summary>
public sealed partial class CatalogTests
{
    [Fact]
    public void EveryTextIsWrittenInEveryLanguageWithTheSamePlaceholders()
    {
        var findings = CatalogAudit.Findings(Catalog.Entries);

        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void TheAuditCatchesAMissingTranslationAndAPlaceholderThatDiffers()
    {
        CatalogEntry[] broken =
        [
            new("t.missing", "Image {imageId} is ready", "", "이미지 {imageId} 준비됨"),
            new("t.renamed", "Job {jobId} failed", "任务 {job} 失败", "작업 {jobId} 실패"),
            new("t.dropped", "{count} files in {bucket}", "{count} 个文件", "{bucket}에 파일 {count}개"),
            new("t.copied", "no download link", "无下载链接", "no download link"),
            new("t.unclosed", "Bucket {bucket}", "存储桶 {bucket", "버킷 {bucket}"),
            new("t.missing", "again", "再次", "다시"),
        ];

        var findings = CatalogAudit.Findings(broken);

        Assert.Contains(findings, f => f.StartsWith("t.missing: no zh-CN text", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("t.renamed [zh-CN]: placeholders {job}", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("t.dropped [zh-CN]: placeholders {count} differ", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("t.copied [ko-KR]: no Korean", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("t.unclosed [zh-CN]: a brace", StringComparison.Ordinal));
        Assert.Contains(findings, f => f == "t.missing: the key appears twice");
        Assert.DoesNotContain(findings, f => f.StartsWith("t.missing [ko-KR]", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryKeyTheCodeNamesIsInTheCatalog()
    {
        var source = Path.Combine(RepositoryFiles.Root, "shared", "ImageExport.Core");
        var missing = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => !Path.GetFileName(file).StartsWith("Catalog.", StringComparison.Ordinal))
            .SelectMany(file => KeyLiteral().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .Where(use => !Catalog.Contains(use.Key))
            .Select(use => $"{use.File}: {use.Key}")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "keys not in the catalog:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("notify.title.completed", "镜像导出完成：任务 job-42", "이미지 내보내기 완료: 작업 job-42")]
    [InlineData("notify.title.failed", "镜像导出失败：任务 job-42", "이미지 내보내기 실패: 작업 job-42")]
    [InlineData("notify.title.stalled", "镜像导出停滞：任务 job-42", "이미지 내보내기 정체: 작업 job-42")]
    public void ATitleIsWrittenForEachLanguage(string key, string chinese, string korean)
    {
        Assert.Equal(chinese, Catalog.Format(Language.SimplifiedChinese, key, ("jobId", "job-42")));
        Assert.Equal(korean, Catalog.Format(Language.Korean, key, ("jobId", "job-42")));
    }

    [Fact]
    public void DoubledBracesAreLiteralAndAValueIsNeverReadAsAPlaceholder()
    {
        var text = Catalog.Format(Language.English, "api.noRoute", ("path", "/{jobId}"));

        Assert.Contains("no route /{jobId};", text, StringComparison.Ordinal);
        Assert.EndsWith("GET /exports/{jobId}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConsoleTextsAreServedAsOneJsonObjectPerLanguageSafeInsideAScriptElement()
    {
        foreach (var language in Language.All)
        {
            var json = Catalog.ConsoleJson(language);

            Assert.DoesNotContain("<", json, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(json);
            Assert.Equal(language.Tag, document.RootElement.GetProperty("language").GetString());
            var texts = document.RootElement.GetProperty("texts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
            var expected = Catalog.Entries.Where(e => e.Key.StartsWith(Catalog.ConsolePrefix, StringComparison.Ordinal)).ToList();
            Assert.Equal(expected.Count, texts.Count);
            Assert.All(expected, e => Assert.Equal(e.In(language), texts[e.Key]));
        }

        Assert.Contains("登录", Catalog.ConsoleJson(Language.SimplifiedChinese), StringComparison.Ordinal);
        Assert.Contains("로그인", Catalog.ConsoleJson(Language.Korean), StringComparison.Ordinal);
    }

    [Fact]
    public void AllThreeLanguagesCanBeEmbeddedAtOnceForAPageThatSwitchesWithoutReloading()
    {
        using var document = JsonDocument.Parse(Catalog.ConsoleJsonAll(Language.Korean));

        Assert.Equal("ko-KR", document.RootElement.GetProperty("default").GetString());
        var languages = document.RootElement.GetProperty("languages");
        Assert.Equal(["en", "zh-CN", "ko-KR"], languages.EnumerateObject().Select(p => p.Name).ToList());
        Assert.Equal("Sign in", languages.GetProperty("en").GetProperty("console.signin.submit").GetString());
        Assert.Equal("登录", languages.GetProperty("zh-CN").GetProperty("console.signin.submit").GetString());
        Assert.Equal("로그인", languages.GetProperty("ko-KR").GetProperty("console.signin.submit").GetString());
    }

    // "notify.title.completed", "problem.image.windows", …: string literals shaped like catalog keys (not the console's
    // embedded files, "console.html", "console.js", "console.css").
    [GeneratedRegex("\"((?:format|notify|reason|problem|api|field|console)\\.(?!(?:html|js|css)\")[A-Za-z0-9.]*[A-Za-z0-9])\"")]
    private static partial Regex KeyLiteral();
}
