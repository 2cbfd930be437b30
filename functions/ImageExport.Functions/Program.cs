using ImageExport.Core.Hosting;
using ImageExport.Scf.Runtime;
using Serilog;
using Serilog.Formatting.Compact;

// The composition root: the only place that reads the process environment and the wall clock.
Func<string, string?> environment = Environment.GetEnvironmentVariable;
Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Is(LogLevels.Parse(environment("IMAGEEXPORT_LOG_LEVEL")))
    .Enrich.FromLogContext()
    .Enrich.WithProperty("Handler", environment("_HANDLER") ?? "")
    .WriteTo.Console(new CompactJsonFormatter())
    .CreateLogger();

using var stop = new CancellationTokenSource();
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

var http = FunctionComposition.CreateHttpClient();
var options = new FunctionHostOptions { Logger = Log.Logger, TimeProvider = TimeProvider.System };
try
{
    return await FunctionHost.RunAsync(
        () => FunctionComposition.CreateHandler(environment("_HANDLER"), environment, http, TimeProvider.System, Log.Logger),
        options,
        stop.Token);
}
finally
{
    await Log.CloseAndFlushAsync();
}
