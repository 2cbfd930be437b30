using Serilog.Events;

namespace ImageExport.Core.Hosting;

/// <summary>Reads <c>IMAGEEXPORT_LOG_LEVEL</c>: Verbose, Debug, Information (default), Warning, Error or Fatal.</summary>
public static class LogLevels
{
    public static LogEventLevel Parse(string? value) =>
        Enum.TryParse<LogEventLevel>(value?.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : LogEventLevel.Information;
}
