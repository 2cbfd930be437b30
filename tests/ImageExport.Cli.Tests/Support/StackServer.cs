using ImageExport.Testing.Stack;

namespace ImageExport.Cli.Tests.Support;

/// <summary>The local stack a CLI test talks to (demo catalog, the repository's serverless.yml, in-process functions).</summary>
internal static class StackServer
{
    /// <param name="exportSecondsPerGib">How long an emulated export takes per GiB (the demo Linux image has 20 GiB).</param>
    public static Task<TestStack> StartAsync(double exportSecondsPerGib = 0.02) =>
        TestStack.StartAsync("imageexport-cli-test-", new TestStackOptions { Local = new() { ExportSecondsPerGib = exportSecondsPerGib } });
}
