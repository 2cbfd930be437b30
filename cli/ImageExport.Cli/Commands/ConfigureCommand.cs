using System.CommandLine;
using ImageExport.Cli.Configuration;
using ImageExport.Cli.Hosting;
using Spectre.Console;

namespace ImageExport.Cli.Commands;

/// <summary>
/// <c>imageexport configure [--url U] [--token-stdin]</c>: stores the URL and token in the config file (mode 0600).
/// The token comes from stdin, IMAGEEXPORT_TOKEN or a hidden prompt, never from argv, and is never printed.
/// </summary>
internal static class ConfigureCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var tokenStdin = new Option<bool>("--token-stdin") { Description = "Read the token from the first line of stdin" };
        var command = new Command("configure", "Store the service's URL and token in the config file (mode 0600)") { tokenStdin };
        command.SetAction((parsed, cancellationToken) => CliApp.RunCommandAsync(host, parsed, globals, (context, _) =>
        {
            var path = context.ConfigPath;
            var current = ConfigFile.Read(path);
            var (urlFlag, tokenFlag) = context.Flags;
            var url = urlFlag ?? host.Environment("IMAGEEXPORT_URL") ?? current.Url;
            if (url is null && host.InputIsTerminal && !context.Json)
            {
                url = context.Terminal.Ask<string>("Service URL (the start function's Function URL):");
            }

            if (url is null)
            {
                throw new CliException(ExitCodes.Usage, "no URL to store: pass --url or set IMAGEEXPORT_URL");
            }

            url = Settings.ParseUrl(url).AbsoluteUri;

            string? token;
            if (parsed.GetValue(tokenStdin))
            {
                token = host.In.ReadLine()?.Trim();
                if (string.IsNullOrEmpty(token))
                {
                    throw new CliException(ExitCodes.Usage, "--token-stdin: stdin held no token");
                }
            }
            else
            {
                token = tokenFlag ?? host.Environment("IMAGEEXPORT_TOKEN");
                if (token is null && host.InputIsTerminal && !context.Json)
                {
                    token = context.Terminal.Prompt(new TextPrompt<string>("API token (hidden; Enter keeps the stored one):").Secret().AllowEmpty());
                }
                if (string.IsNullOrEmpty(token))
                {
                    token = current.Token;
                }
            }

            new ConfigFile { Url = url, Token = token }.Write(path);
            context.Notice($"wrote {path} (mode 0600): url {url}, token {(token is null ? "not set" : "set")}");
            return Task.FromResult(ExitCodes.Ok);
        }, cancellationToken));
        return command;
    }
}
