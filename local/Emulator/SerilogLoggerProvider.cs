using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace ImageExport.Local.Emulator;

/// <summary>Sends ASP.NET Core's own warnings and errors (Kestrel, hosting) to the project's Serilog logger.</summary>
internal sealed class SerilogLoggerProvider(Serilog.ILogger log) : ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(log.ForContext("SourceContext", categoryName));

    public void Dispose()
    {
    }

    private sealed class Logger(Serilog.ILogger log) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && log.IsEnabled(Level(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Write(Level(logLevel), exception, "{Message}", formatter(state, exception));
            }
        }

        private static LogEventLevel Level(LogLevel level) => level switch
        {
            LogLevel.Trace => LogEventLevel.Verbose,
            LogLevel.Debug => LogEventLevel.Debug,
            LogLevel.Information => LogEventLevel.Information,
            LogLevel.Warning => LogEventLevel.Warning,
            LogLevel.Error => LogEventLevel.Error,
            _ => LogEventLevel.Fatal,
        };
    }
}
