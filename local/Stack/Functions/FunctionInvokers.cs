using ImageExport.Local.Stack.Process;
using ImageExport.Local.Stack.Serverless;
using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Functions;

/// <summary>Chooses how functions run, from <c>--functions</c>.</summary>
internal static class FunctionInvokers
{
    /// <exception cref="FormatException">The chosen mode cannot run here (the message says what to do).</exception>
    public static IFunctionInvoker Create(
        FunctionsMode mode, ServerlessDefinition definition, string repositoryRoot, IReadOnlyCollection<LocalFunction> functions,
        HttpClient http, TimeProvider time, ILogger logger)
    {
        switch (mode)
        {
            case FunctionsMode.InProcess:
                var inProcess = new InProcessFunctionInvoker(http, time, logger);
                foreach (var function in functions)
                {
                    inProcess.Prepare(function);
                }

                return inProcess;
            case FunctionsMode.Process:
                var binary = PackagedBinary(definition, repositoryRoot)
                    ?? throw new FormatException(
                        $"--functions process runs the packaged binary, and none was found under {Path.Combine(repositoryRoot, "artifacts")}: run `bash deploy/package.sh` first (or use --functions inproc)");
                return CreateProcessInvoker(binary, logger, time);
            default:
                throw new FormatException($"--functions {mode} is not known");
        }
    }

    /// <summary>
    /// The bootstrap the package would deploy: serverless.yml's <c>src</c> directory, then what deploy/package.sh stages,
    /// then the bare published binary.
    /// </summary>
    public static string? PackagedBinary(ServerlessDefinition definition, string repositoryRoot)
    {
        string?[] candidates =
        [
            definition.SourceDirectory is { Length: > 0 } src ? Path.Combine(repositoryRoot, src, "bootstrap") : null,
            Path.Combine(repositoryRoot, "artifacts", "scf-package", "bootstrap"),
            Path.Combine(repositoryRoot, "artifacts", "publish", "image-export"),
        ];
        return candidates.Where(c => c is not null).Select(c => Path.GetFullPath(c!)).FirstOrDefault(File.Exists);
    }

    private static IFunctionInvoker CreateProcessInvoker(string binaryPath, ILogger logger, TimeProvider time) =>
        new ProcessFunctionInvoker(new ProcessInvokerOptions { BinaryPath = binaryPath, Logger = logger, Time = time });
}
