using System.Text;
using System.Text.Json;
using ImageExport.Local.Stack;
using ImageExport.Local.Stack.Process;
using ImageExport.Local.Tests.Process.Support;
using Serilog.Events;
using Xunit.Abstractions;

namespace ImageExport.Local.Tests.Process;

/// <summary>
/// The package deploy/package.sh builds, unpacked, started through its <c>bootstrap</c> and driven through the
/// emulated runtime API as SCF would: every handler answers, instances are reused, a handler error is survived.
/// </summary>
public sealed class PackagedBinaryTests(PackagedFunctions package, ITestOutputHelper output) : IClassFixture<PackagedFunctions>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheUnpackedBootstrapAnswersAnEventForEachHandler()
    {
        var (logger, sink) = CollectingSink.Create();
        await using var invoker = Invoker(logger);

        var health = await InvokeAsync(invoker, package.Start, PackagedFunctions.HealthCheck());
        var tick = await InvokeAsync(invoker, package.Poll, PackagedFunctions.TimerTick());
        var landed = await InvokeAsync(invoker, package.Notify, await package.ObjectCreatedAsync("exports/answers_xvda.raw"));

        Assert.True(health.Succeeded, health.Error);
        using (var response = JsonDocument.Parse(health.Body))
        {
            Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        }

        Assert.True(tick.Succeeded, tick.Error);
        Assert.True(landed.Succeeded, landed.Error);
        Assert.Equal("""{"records":1}""", Encoding.UTF8.GetString(landed.Body));
        foreach (var coldStart in sink.Events.Where(e => e.Properties.ContainsKey("ColdStartMs")))
        {
            output.WriteLine($"{CollectingSink.Scalar(coldStart, "Function")}: cold start {CollectingSink.Scalar(coldStart, "ColdStartMs")} ms (ready after {CollectingSink.Scalar(coldStart, "InitMs")} ms)");
        }
    }

    [Fact]
    public async Task AWarmInstanceOfTheBinaryAnswersTheNextEvent()
    {
        var (logger, _) = CollectingSink.Create();
        await using var invoker = Invoker(logger);

        var first = await InvokeAsync(invoker, package.Start, PackagedFunctions.HealthCheck());
        var pid = Assert.Single(invoker.InstancesOf("start")).ProcessId;
        var second = await InvokeAsync(invoker, package.Start, PackagedFunctions.HealthCheck());

        Assert.True(first.Succeeded, first.Error);
        Assert.True(second.Succeeded, second.Error);
        var instance = Assert.Single(invoker.InstancesOf("start"));
        Assert.Equal(pid, instance.ProcessId);
        Assert.Equal(2, instance.Invocations);
    }

    [Fact]
    public async Task AHandlerErrorFailsTheInvocationAndTheSameInstanceServesTheNextEvent()
    {
        var (logger, _) = CollectingSink.Create();
        await using var invoker = Invoker(logger);

        var failed = await InvokeAsync(invoker, package.Notify, "not a COS event"u8.ToArray());
        var pid = Assert.Single(invoker.InstancesOf("notify")).ProcessId;
        var next = await InvokeAsync(invoker, package.Notify, await package.ObjectCreatedAsync("exports/after-error_xvda.raw"));

        Assert.False(failed.Succeeded);
        Assert.Contains("not a COS trigger event", failed.Error);
        Assert.True(next.Succeeded, next.Error);
        var instance = Assert.Single(invoker.InstancesOf("notify"));
        Assert.Equal(pid, instance.ProcessId);
        Assert.Equal(2, instance.Invocations);
    }

    [Fact]
    public async Task TheBinarysLogReachesTheLoggerAsStructuredEventsOfItsFunction()
    {
        var (logger, sink) = CollectingSink.Create();
        await using var invoker = Invoker(logger);

        var health = await InvokeAsync(invoker, package.Start, PackagedFunctions.HealthCheck());
        Assert.True(health.Succeeded, health.Error);

        Assert.True(await Eventually.TrueAsync(() => sink.Events.Any(IsReady)));
        var ready = sink.Events.First(IsReady);
        Assert.Equal("start", CollectingSink.Scalar(ready, "Function"));
        Assert.Equal("exports.start", CollectingSink.Scalar(ready, "Handler"));
        Assert.Equal(LogEventLevel.Information, ready.Level);

        static bool IsReady(LogEvent e) => e.MessageTemplate.Text == "Runtime ready at {RuntimeApi}, waiting for events";
    }

    [Fact]
    public async Task DisposingStopsTheBinaryCleanlyWithSigterm()
    {
        var (logger, sink) = CollectingSink.Create();
        var invoker = Invoker(logger);
        var health = await InvokeAsync(invoker, package.Start, PackagedFunctions.HealthCheck());
        Assert.True(health.Succeeded, health.Error);
        var pid = Assert.Single(invoker.InstancesOf("start")).ProcessId;

        await invoker.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.False(Eventually.IsAlive(pid));
        var ended = sink.Events.Single(e => e.Properties.ContainsKey("ExitCode") && CollectingSink.Scalar(e, "Pid") == pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // 0 is the binary's own "asked to stop" code: it was not killed.
        Assert.Equal("0", CollectingSink.Scalar(ended, "ExitCode"));
    }

    [Fact]
    public async Task ABootstrapThatRefusesToStartFailsTheInvocationWithItsReason()
    {
        var incomplete = Directory.CreateTempSubdirectory("scf-incomplete-").FullName;
        try
        {
            var bootstrap = await PackagedBinary.UnpackAsync(incomplete);
            File.Delete(Path.Combine(incomplete, "image-export"));
            var (logger, _) = CollectingSink.Create();
            await using var invoker = new ProcessFunctionInvoker(new ProcessInvokerOptions { BinaryPath = bootstrap, Logger = logger });

            var result = await InvokeAsync(invoker, package.Start, PackagedFunctions.HealthCheck());

            Assert.False(result.Succeeded);
            Assert.StartsWith("the instance exited with code 1 before it posted /runtime/init/ready: image-export bootstrap:", result.Error);
            Assert.Contains("missing or not executable", result.Error);
        }
        finally
        {
            Directory.Delete(incomplete, recursive: true);
        }
    }

    private ProcessFunctionInvoker Invoker(Serilog.ILogger logger) =>
        new(new ProcessInvokerOptions { BinaryPath = package.BootstrapPath, Logger = logger, StopGracePeriod = TimeSpan.FromSeconds(10) });

    private static Task<InvocationResult> InvokeAsync(ProcessFunctionInvoker invoker, LocalFunction function, byte[] payload) =>
        invoker.InvokeAsync(function, payload, CancellationToken.None).WaitAsync(Bound);
}
