namespace ImageExport.Testing;

/// <summary>
/// Tencent's published events and signature vectors, which each test project's file copies next to its binary (from
/// ../shared/fixtures beside the repository when present, else from tests/fixtures).
/// </summary>
public static class PublishedFixtures
{
    /// <param name="relative">Below the fixtures folder: <c>events/apigw-request.json</c>, <c>signatures/…</c>.</param>
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", relative);
}
