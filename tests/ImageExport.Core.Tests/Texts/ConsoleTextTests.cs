using System.Text.RegularExpressions;
using ImageExport.Core.Texts;

namespace ImageExport.Core.Tests.Texts;

/// <summary>
/// The console has one source of texts, the catalog: every key console.js looks up has a catalog text (in all three
/// languages, which <see cref="CatalogTests"/> checks), and the catalog holds no console text the page no longer uses.
/// console.js looks a key up as <c>t('images.title', …)</c> (the catalog's <c>console.images.title</c>) or builds it from
/// a prefix, <c>t('state.' + state)</c>.
/// </summary>
public sealed partial class ConsoleTextTests
{
    private static readonly string Script = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "shared", "ImageExport.Core", "Console", "console.js"));

    [Fact]
    public void EveryTextKeyTheConsoleLooksUpIsInTheCatalog()
    {
        var literal = LiteralKeys(Script);
        var missing = literal.Where(key => !Catalog.Contains(Catalog.ConsolePrefix + key)).ToList();

        Assert.NotEmpty(literal);
        Assert.True(missing.Count == 0, "console.js looks up keys the catalog lacks:\n" + string.Join("\n", missing.Select(k => Catalog.ConsolePrefix + k)));
    }

    [Fact]
    public void EveryKeyFamilyTheConsoleBuildsHasCatalogTexts()
    {
        var prefixes = BuiltKeyPrefixes(Script);
        var empty = prefixes.Where(prefix => !ConsoleKeys().Any(key => key.StartsWith(prefix, StringComparison.Ordinal))).ToList();

        Assert.Contains("state.", prefixes);
        Assert.True(empty.Count == 0, "console.js builds keys from prefixes with no catalog text:\n" + string.Join("\n", empty));
        // The job states the page lists and the disk usages the API sends are all there.
        Assert.All(["queued", "exporting", "completed", "failed"], state => Assert.True(Catalog.Contains("console.state." + state), state));
        Assert.All(["SYSTEM_DISK", "DATA_DISK"], usage => Assert.True(Catalog.Contains("console.disk." + usage), usage));
    }

    [Fact]
    public void TheCatalogHoldsNoConsoleTextThePageNoLongerUses()
    {
        var literal = LiteralKeys(Script);
        var prefixes = BuiltKeyPrefixes(Script);
        var unused = ConsoleKeys().Where(key => !literal.Contains(key) && !prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal))).ToList();

        Assert.True(unused.Count == 0, "catalog console texts console.js never looks up:\n" + string.Join("\n", unused.Select(k => Catalog.ConsolePrefix + k)));
    }

    [Fact]
    public void TheScanFindsAKeyTheCatalogLacks()
    {
        const string stale = "el('h1', { text: t('signin.welcome') }); el('p', { text: t('jobs.col.' + c) });";

        Assert.Equal(["signin.welcome"], LiteralKeys(stale));
        Assert.False(Catalog.Contains(Catalog.ConsolePrefix + "signin.welcome"));
        Assert.Equal(["jobs.col."], BuiltKeyPrefixes(stale));
    }

    [Fact]
    public void TheConsoleKeepsNoDictionaryOfItsOwn()
    {
        // One source: the page's texts come from the embedded catalog, not from a table in the script.
        Assert.DoesNotMatch(@"const\s+TEXT\s*=", Script);
        Assert.Contains("getElementById('console-texts')", Script, StringComparison.Ordinal);
    }

    private static List<string> ConsoleKeys() =>
        Catalog.Entries.Where(e => e.Key.StartsWith(Catalog.ConsolePrefix, StringComparison.Ordinal))
            .Select(e => e.Key[Catalog.ConsolePrefix.Length..]).ToList();

    private static List<string> LiteralKeys(string script) =>
        LiteralLookup().Matches(script).Select(m => m.Groups[1].Value).Distinct().ToList();

    private static List<string> BuiltKeyPrefixes(string script) =>
        BuiltLookup().Matches(script).Select(m => m.Groups[1].Value).Distinct().ToList();

    // t('images.title'…): a whole key in quotes, not followed by "+" (that is a prefix).
    [GeneratedRegex(@"\bt\('([A-Za-z0-9_.]*[A-Za-z0-9_])'\s*[,)]")]
    private static partial Regex LiteralLookup();

    // t('state.' + state): a key built from a prefix ending in a dot.
    [GeneratedRegex(@"\bt\('([A-Za-z0-9_.]+\.)'\s*\+")]
    private static partial Regex BuiltLookup();
}
