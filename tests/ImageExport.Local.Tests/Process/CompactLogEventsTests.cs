using System.Text.Json.Nodes;
using ImageExport.Local.Stack.Process;
using ImageExport.Local.Tests.Process.Support;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ImageExport.Local.Tests.Process;

/// <summary>An instance's compact JSON lines reach the local stack's own compact JSON output as they were, plus the function.</summary>
public sealed class CompactLogEventsTests
{
    [Fact]
    public void AnInstancesLineIsWrittenAgainAsItWasWithItsFunctionAndInstanceAdded()
    {
        var original = Format(logger => logger
            .ForContext("Handler", "exports.poll")
            .ForContext("Job", new { JobId = "job-1", Images = new[] { "img-1", "img-2" } }, destructureObjects: true)
            .Warning(new InvalidOperationException("boom"), "Job {JobId} took {Elapsed:0.0} s, {Count} files, {Ratio}", "job-1", 12.345, 3, 0.5));

        var (logger, sink) = CollectingSink.Create();
        new InstanceOutput(logger, "poll", "poll#1").Forward(original, isStandardError: false);
        var forwarded = Format(l => l.Write(Assert.Single(sink.Events)));

        var expected = JsonNode.Parse(original)!.AsObject();
        expected["Function"] = "poll";
        expected["Instance"] = "poll#1";
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(forwarded)), $"{original}\n{forwarded}");
    }

    [Fact]
    public void APropertyNamedLikeAFormatterFieldKeepsItsName()
    {
        var original = Format(logger => logger.ForContext("@t", "user value").Information("At {Where}", "here"));
        Assert.Contains("\"@@t\"", original);

        var read = CompactLogEvents.TryRead(original);

        Assert.NotNull(read);
        Assert.Equal("user value", ((ScalarValue)read.Properties["@t"]).Value);
    }

    [Theory]
    [InlineData("image-export bootstrap: this machine has glibc 2.17, but image-export needs glibc 2.34 or newer")]
    [InlineData("{not json")]
    [InlineData("""{"no":"timestamp"}""")]
    public void ALineThatIsNotACompactEventIsNotReadAsOne(string line) => Assert.Null(CompactLogEvents.TryRead(line));

    private static string Format(Action<ILogger> write)
    {
        using var text = new StringWriter();
        using (var logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new TextSink(text)).CreateLogger())
        {
            write(logger);
        }

        return text.ToString().Trim();
    }

    private sealed class TextSink(TextWriter output) : Serilog.Core.ILogEventSink
    {
        private readonly CompactJsonFormatter _formatter = new();

        public void Emit(LogEvent logEvent) => _formatter.Format(logEvent, output);
    }
}
