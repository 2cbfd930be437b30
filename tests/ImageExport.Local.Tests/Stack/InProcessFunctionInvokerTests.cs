using ImageExport.Local.Stack;
using ImageExport.Local.Stack.Functions;
using ImageExport.Local.Tests.Stack.Support;
using ImageExport.Scf.Runtime;

namespace ImageExport.Local.Tests.Stack;

/// <summary>Functions run in process with SCF's invocation context and time limit.</summary>
public sealed class InProcessFunctionInvokerTests
{
    private sealed class Handler(Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, Task<byte[]>> handle) : IFunctionHandler
    {
        public Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken) =>
            handle(payload, context, cancellationToken);
    }

    private static InProcessFunctionInvoker Invoker(Func<ReadOnlyMemory<byte>, InvocationContext, CancellationToken, Task<byte[]>> handle) =>
        new(_ => new Handler(handle), TimeProvider.System, Serilog.Core.Logger.None);

    [Fact]
    public async Task TheHandlerGetsTheEventAndAContextWithTheFunctionsLimits()
    {
        InvocationContext? seen = null;
        await using var invoker = Invoker((payload, context, _) =>
        {
            seen = context;
            return Task.FromResult(payload.ToArray());
        });
        var function = ScriptedInvoker.Function("poll", TimeSpan.FromSeconds(120)) with
        {
            Environment = new Dictionary<string, string> { ["TENCENTCLOUD_REGION"] = "ap-guangzhou" },
        };

        var result = await invoker.InvokeAsync(function, "{}"u8.ToArray(), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("{}"u8.ToArray(), result.Body);
        Assert.NotNull(seen);
        Assert.False(string.IsNullOrEmpty(seen.RequestId));
        Assert.Equal((TimeSpan.FromSeconds(120), 128, "exports.poll", "ap-guangzhou"), (seen.TimeLimit, seen.MemoryLimitInMb, seen.Handler, seen.Region));
        Assert.InRange(seen.Deadline - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task AHandlerExceptionIsAFailedInvocationNotAnException()
    {
        await using var invoker = Invoker((_, _, _) => throw new InvalidOperationException("no bucket"));

        var result = await invoker.InvokeAsync(ScriptedInvoker.Function(), "{}"u8.ToArray(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("no bucket", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHandlerIsCancelledBeforeItsTimeLimitAndTheInvocationTimesOut()
    {
        await using var invoker = Invoker(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return [];
        });

        var result = await invoker.InvokeAsync(ScriptedInvoker.Function(timeout: TimeSpan.FromMilliseconds(300)), "{}"u8.ToArray(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Timeout", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHandlerThatIgnoresCancellationStillTimesOutAtItsLimit()
    {
        var release = new TaskCompletionSource<byte[]>();
        await using var invoker = Invoker((_, _, _) => release.Task);

        var result = await invoker.InvokeAsync(ScriptedInvoker.Function(timeout: TimeSpan.FromMilliseconds(300)), "{}"u8.ToArray(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Timeout", result.Error, StringComparison.Ordinal);
        release.SetResult([]);
    }

    [Fact]
    public async Task AHandlerIsBuiltOnceAndReused()
    {
        var built = 0;
        await using var invoker = new InProcessFunctionInvoker(_ =>
        {
            Interlocked.Increment(ref built);
            return new Handler((_, _, _) => Task.FromResult(Array.Empty<byte>()));
        }, TimeProvider.System, Serilog.Core.Logger.None);

        invoker.Prepare(ScriptedInvoker.Function());
        await invoker.InvokeAsync(ScriptedInvoker.Function(), "{}"u8.ToArray(), CancellationToken.None);
        await invoker.InvokeAsync(ScriptedInvoker.Function(), "{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal(1, built);
    }

    [Fact]
    public void AFunctionWhoseEnvironmentIsNotAValidConfigurationStopsTheStackAtStart()
    {
        using var http = new HttpClient();
        var invoker = new InProcessFunctionInvoker(http, TimeProvider.System, Serilog.Core.Logger.None);
        var function = ScriptedInvoker.Function("start") with
        {
            Environment = new Dictionary<string, string> { ["TENCENTCLOUD_REGION"] = "ap-guangzhou", ["IMAGEEXPORT_DEFAULT_BUCKET"] = "Not A Bucket" },
        };

        var error = Assert.Throws<FormatException>(() => invoker.Prepare(function));

        Assert.Contains("IMAGEEXPORT_DEFAULT_BUCKET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHandlersLogLinesCarryItsInvocationsRequestIdFromTheRuntimesRunner()
    {
        var sink = new CollectingSink();
        var logger = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext().WriteTo.Sink(sink).CreateLogger();
        InvocationContext? seen = null;
        await using var invoker = new InProcessFunctionInvoker(_ => new Handler((_, context, _) =>
        {
            seen = context;
            logger.Information("handler at work");
            return Task.FromResult(Array.Empty<byte>());
        }), TimeProvider.System, logger);

        await invoker.InvokeAsync(ScriptedInvoker.Function(), "{}"u8.ToArray(), CancellationToken.None);

        var line = Assert.Single(sink.Events, e => e.MessageTemplate.Text == "handler at work");
        Assert.Equal($"\"{seen!.RequestId}\"", line.Properties["RequestId"].ToString());
        Assert.Contains(sink.Events, e => e.MessageTemplate.Text.StartsWith("Invocation {RequestId} succeeded", StringComparison.Ordinal));
    }
}
