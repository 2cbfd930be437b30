using System.Text.Json;
using ImageExport.Cli.Api;
using ImageExport.Cli.Hosting;

namespace ImageExport.Cli.Configuration;

/// <summary>What <c>imageexport configure</c> stores: the service's URL and its token.</summary>
internal sealed record ConfigFile
{
    public string? Url { get; init; }
    public string? Token { get; init; }

    /// <summary>
    /// <c>$IMAGEEXPORT_CONFIG</c>, else <c>$XDG_CONFIG_HOME/imageexport/config.json</c>, else
    /// <c>~/.config/imageexport/config.json</c>.
    /// </summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        if (environment("IMAGEEXPORT_CONFIG") is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }

        var root = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(root, "imageexport", "config.json");
    }

    /// <summary>The file's settings, or empty ones when there is no file.</summary>
    public static ConfigFile Read(string path)
    {
        if (!File.Exists(path))
        {
            return new ConfigFile();
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliJson.Default.ConfigFile) ?? new ConfigFile();
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Usage, $"the configuration file {path} is not valid JSON ({ex.Message}); run `imageexport configure` again");
        }
    }

    /// <summary>Writes the file readable by its owner only (0600), created that way so the token is never world-readable.</summary>
    public void Write(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".config.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, this, CliJson.Default.ConfigFile);
        }
        // An existing file keeps its mode on overwrite; the rename replaces it with the 0600 one.
        File.Move(temporary, path, overwrite: true);
    }
}
