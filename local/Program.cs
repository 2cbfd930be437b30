using System.Runtime.InteropServices;
using ImageExport.Local;
using ImageExport.Local.Stack;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

var options = LocalOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"local stack: {error}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

if (options.ShowHelp)
{
    Console.Out.WriteLine(LocalOptions.Usage);
    return 0;
}

Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
    // In-process functions get their RequestId from the invocation runner's log context, as in the binary.
    .Enrich.FromLogContext()
    .WriteTo.Console(new CompactJsonFormatter())
    .CreateLogger();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

// The functions, their triggers and the Function URL gateway, wired from serverless.yml (local/Stack).
var stack = new LocalStack(new LocalStackOptions());

LocalSession session;
try
{
    session = await LocalSession.StartAsync(options, stack, Log.Logger, stop.Token);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"local stack: {e.Message}");
    await Log.CloseAndFlushAsync();
    return 2;
}
catch (IOException e)
{
    // Most often a port already taken (Kestrel says "address already in use"); the state directory is the other source.
    Console.Error.WriteLine($"local stack: cannot start: {e.Message} (other ports: --cvm-port / --cos-port / --api-port; another place: --state-dir)");
    await Log.CloseAndFlushAsync();
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Log.CloseAndFlushAsync();
    return 0;
}

await using (session)
{
    Console.Out.Write(Banner.Render(session, options, stack.Running));
    Console.Out.Flush();
    Log.Information("Local stack ready: CVM {Cvm}, COS {Cos}", session.Endpoints.Cvm, session.Endpoints.Cos);
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        Log.Information("Stopping");
    }
}

await Log.CloseAndFlushAsync();
return 0;
