using System.Diagnostics;
using System.IO.Compression;

namespace ImageExport.Local.Tests.Process.Support;

/// <summary>
/// The SCF package of this repository (artifacts/image-export-scf.zip): built once by deploy/package.sh when it is
/// missing, then unpacked per test as SCF unpacks it into /var/user.
/// </summary>
internal static class PackagedBinary
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TimeSpan PackageTimeout = TimeSpan.FromMinutes(10);

    public static string ZipPath => Path.Combine(RepositoryFiles.Root, "artifacts", "image-export-scf.zip");

    /// <summary>Unpacks the zip into <paramref name="directory"/>; returns the path of its <c>bootstrap</c>.</summary>
    public static async Task<string> UnpackAsync(string directory)
    {
        await EnsurePackagedAsync();
        ZipFile.ExtractToDirectory(ZipPath, directory);
        var bootstrap = Path.Combine(directory, "bootstrap");
        // The zip records both files as 755 (package.sh checks it); keep that whatever the extractor did.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in new[] { bootstrap, Path.Combine(directory, "image-export") })
            {
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.UserExecute | UnixFileMode.UserRead);
            }
        }

        return bootstrap;
    }

    /// <summary>Runs deploy/package.sh unless the zip (and so artifacts/scf-package/) is already there.</summary>
    public static async Task EnsurePackagedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(ZipPath))
            {
                return;
            }

            using var package = System.Diagnostics.Process.Start(new ProcessStartInfo("bash", ["deploy/package.sh"])
            {
                WorkingDirectory = RepositoryFiles.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = package.StandardOutput.ReadToEndAsync();
            var errors = package.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(PackageTimeout);
            try
            {
                await package.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                package.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"deploy/package.sh did not finish within {PackageTimeout}");
            }

            if (package.ExitCode != 0 || !File.Exists(ZipPath))
            {
                throw new InvalidOperationException($"deploy/package.sh failed ({package.ExitCode}):\n{await output}\n{await errors}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
