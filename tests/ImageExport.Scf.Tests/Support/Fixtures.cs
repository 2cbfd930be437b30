namespace ImageExport.Scf.Tests.Support;

/// <summary>Tencent's published sample events, copied next to the tests by the project file.</summary>
internal static class Fixtures
{
    public static byte[] Event(string name)
    {
        var path = PublishedFixtures.Path("events/" + name);
        Assert.True(File.Exists(path), $"fixture {path} is missing: the build copies tests/fixtures (or ../shared/fixtures beside the repository) there");
        return File.ReadAllBytes(path);
    }
}
