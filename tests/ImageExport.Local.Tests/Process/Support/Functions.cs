using ImageExport.Local.Stack;

namespace ImageExport.Local.Tests.Process.Support;

/// <summary>Function definitions for the process invoker's tests.</summary>
internal static class Functions
{
    public static LocalFunction Fake(
        string name = "fake",
        TimeSpan? timeout = null,
        TimeSpan? initTimeout = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        new(name, "index.main", 256, timeout ?? TimeSpan.FromSeconds(30), initTimeout ?? TimeSpan.FromSeconds(20), environment ?? new Dictionary<string, string>());

    public static byte[] Event(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
