using System.Text.Json;

namespace ImageExport.TencentCloud.Tests.Support;

/// <summary>Tencent's published vectors and events, copied to the test output by the csproj.</summary>
internal static class Fixture
{
    public static string Path(string relative) => PublishedFixtures.Path(relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));

    public static JsonElement Json(string relative)
    {
        using var document = JsonDocument.Parse(Text(relative));
        return document.RootElement.Clone();
    }

    public static IEnumerable<object[]> Vectors(string relative) =>
        Json(relative).GetProperty("vectors").EnumerateArray().Select(v => new object[] { v.GetProperty("name").GetString()! });

    public static JsonElement Vector(string relative, string name) =>
        Json(relative).GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    public static string? Optional(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() : null;
}
