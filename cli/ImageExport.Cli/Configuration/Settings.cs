using ImageExport.Cli.Hosting;

namespace ImageExport.Cli.Configuration;

/// <summary>Where the service is and how to prove who is asking: flags, then the environment, then the config file.</summary>
internal sealed record Settings(Uri Url, string? Token)
{
    public static Settings Resolve(string? urlFlag, string? tokenFlag, Func<string, string?> environment, string configPath)
    {
        var file = ConfigFile.Read(configPath);
        var url = First(urlFlag, environment("IMAGEEXPORT_URL"), file.Url)
            ?? throw new CliException(ExitCodes.Usage, "no service URL: pass --url, set IMAGEEXPORT_URL, or run `imageexport configure`");
        var token = First(tokenFlag, environment("IMAGEEXPORT_TOKEN"), file.Token);
        return new Settings(ParseUrl(url), token);
    }

    public static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException(ExitCodes.Usage, $"the service URL '{url}' is not an http:// or https:// URL");
        }
        // Relative paths ("exports") resolve below the Function URL's path only when it ends with a slash.
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
