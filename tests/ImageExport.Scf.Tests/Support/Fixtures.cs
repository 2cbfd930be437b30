namespace ImageExport.Scf.Tests.Support;

/// <summary>Tencent's published sample events, copied next to the tests by the project file.</summary>
internal static class Fixtures
{
    public static byte[] Event(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "events", name);
        Assert.True(File.Exists(path), $"fixture {path} is missing: is ../shared/fixtures next to the repository?");
        return File.ReadAllBytes(path);
    }
}
