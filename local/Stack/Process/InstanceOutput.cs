using System.Globalization;
using Serilog.Events;
using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Process;

/// <summary>
/// Pumps an instance's stdout and stderr into the local stack's logger, line by line, as SCF collects them into the
/// function log. Compact JSON events keep their own fields and gain the function and instance; other lines are
/// logged as text (stderr as warnings), so a bootstrap that refuses to start is still heard.
/// </summary>
internal sealed class InstanceOutput(ILogger logger, string function, string instance)
{
    private readonly LogEventProperty _function = new("Function", new ScalarValue(function));
    private readonly LogEventProperty _instance = new("Instance", new ScalarValue(instance));
    private volatile string? _lastProblem;

    /// <summary>
    /// The last error the instance wrote (an error event's message, or a line on stderr): what an instance that dies
    /// has to say about why, such as the bootstrap's glibc check.
    /// </summary>
    public string? LastProblem => _lastProblem;

    /// <summary>
    /// Reads until the stream closes. Synchronous on purpose, on a thread of its own: reads from an anonymous pipe
    /// have no truly asynchronous form on Unix, so an async read would hold a thread-pool thread for as long as the
    /// instance lives, and a few instances would starve the pool (measured: cold starts stalled for ~0.8 s).
    /// </summary>
    public void Pump(StreamReader reader, bool isStandardError)
    {
        try
        {
            while (reader.ReadLine() is { } line)
            {
                Forward(line, isStandardError);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process; there is nothing more to read.
        }
    }

    internal void Forward(string line, bool isStandardError)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (CompactLogEvents.TryRead(line) is { } logEvent)
        {
            if (logEvent.Level >= LogEventLevel.Error)
            {
                _lastProblem = logEvent.Exception is { } e ? $"{logEvent.RenderMessage(CultureInfo.InvariantCulture)}: {e.Message}" : logEvent.RenderMessage(CultureInfo.InvariantCulture);
            }

            logEvent.AddOrUpdateProperty(_function);
            logEvent.AddOrUpdateProperty(_instance);
            logger.Write(logEvent);
            return;
        }

        if (isStandardError)
        {
            _lastProblem = line.Trim();
        }

        logger.Write(
            isStandardError ? LogEventLevel.Warning : LogEventLevel.Information,
            "{Function} ({Instance}) {Stream}: {Line}",
            function, instance, isStandardError ? "stderr" : "stdout", line);
    }
}
