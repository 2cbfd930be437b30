using ImageExport.Testing.Stack;

namespace ImageExport.Console.Tests.Support;

/// <summary>The local stack a console test drives (demo catalog, the repository's serverless.yml, in-process functions).</summary>
internal static class ConsoleStack
{
    /// <summary>
    /// Exports run at 0.1 s per GiB unless told otherwise, so a 30 GiB demo image takes about 3 s: long enough to see it
    /// running, short enough for a test.
    /// </summary>
    public static Task<TestStack> StartAsync(double exportSecondsPerGib = 0.1) =>
        TestStack.StartAsync("console-test-", new TestStackOptions { Local = new() { ExportSecondsPerGib = exportSecondsPerGib } });

    /// <summary>The first <paramref name="count"/> bytes of an object, read from the emulated COS's own storage.</summary>
    public static byte[] StoredPrefix(this TestStack stack, string key, int count)
    {
        var (_, content) = stack.Session.Emulator.Cos.Storage.OpenObject(stack.Bucket, key);
        using var _ = content;
        var buffer = new byte[count];
        content.ReadExactly(buffer);
        return buffer;
    }
}
