using System.Text.Json;
using System.Text.Json.Nodes;
using ImageExport.Cli.Api;
using ImageExport.Cli.Configuration;
using Spectre.Console;

namespace ImageExport.Cli.Hosting;

/// <summary>One command's run: how to reach the service and where (and in which form) to write.</summary>
internal sealed class CommandContext : IDisposable
{
    private readonly string? _urlFlag;
    private readonly string? _tokenFlag;
    private HttpClient? _http;

    public CommandContext(CliHost host, string? urlFlag, string? tokenFlag, bool jsonFlag)
    {
        Host = host;
        _urlFlag = urlFlag;
        _tokenFlag = tokenFlag;
        Json = jsonFlag || !host.OutputIsTerminal;
        Terminal = host.Terminal ?? AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(host.Out),
            Ansi = Json ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Json ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = Json ? InteractionSupport.No : InteractionSupport.Detect,
        });
    }

    public CliHost Host { get; }

    /// <summary>Machine-readable output: <c>--json</c>, or stdout is not a terminal.</summary>
    public bool Json { get; }

    /// <summary>Where tables and bars go (stdout); only used when <see cref="Json"/> is false.</summary>
    public IAnsiConsole Terminal { get; }

    public string ConfigPath => ConfigFile.DefaultPath(Host.Environment);

    public (string? UrlFlag, string? TokenFlag) Flags => (_urlFlag, _tokenFlag);

    public ApiClient Client()
    {
        var settings = Settings.Resolve(_urlFlag, _tokenFlag, Host.Environment, ConfigPath);
        _http ??= Host.Handler is null
            ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(Host.Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new ApiClient(_http, settings.Url, settings.Token, Host.Retry, Host.Error);
        client.Retrying += message => Notice(message);
        return client;
    }

    /// <summary>A line for the person (stderr), never part of the machine-readable output.</summary>
    public void Notice(string message)
    {
        Host.Error.WriteLine($"imageexport: {message}");
        Host.Error.Flush();
    }

    /// <summary>One JSON document (or one JSON line) on stdout: the service's answer as it sent it, on one line.</summary>
    public void WriteJson(string body)
    {
        var text = body;
        try
        {
            text = JsonNode.Parse(body)?.ToJsonString(Compact) ?? "null";
        }
        catch (JsonException)
        {
            // Not JSON after all: written as received, the reader's parser will say so.
        }
        Host.Out.WriteLine(text);
        Host.Out.Flush();
    }

    public void WriteJson(JsonNode node)
    {
        Host.Out.WriteLine(node.ToJsonString(Compact));
        Host.Out.Flush();
    }

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Dispose() => _http?.Dispose();
}
