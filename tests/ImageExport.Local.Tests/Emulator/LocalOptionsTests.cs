using ImageExport.Local.Emulator;

namespace ImageExport.Local.Tests.Emulator;

public sealed class LocalOptionsTests
{
    [Fact]
    public void WithoutArgumentsTheDesignsDefaultsApply()
    {
        var options = LocalOptions.Parse([], out var error)!;

        Assert.Null(error);
        Assert.Equal((".local", 9000, 9100, 9200), (options.StateDirectory, options.ApiPort, options.CvmPort, options.CosPort));
        Assert.Equal(FunctionsMode.InProcess, options.Functions);
        Assert.Null(options.TimerInterval);
        Assert.Null(options.ImagesFile);
        Assert.Equal(ExportNaming.Api, options.ExportNaming);
        Assert.Equal(2, options.ExportLimit);
        Assert.Equal(CosEventNames.Documented, options.CosEventNames);
    }

    [Fact]
    public void EveryOptionIsRead()
    {
        var options = LocalOptions.Parse(
            ["--state-dir", "/tmp/s", "--images", "cat.json", "--api-port", "19000", "--cvm-port=19100", "--cos-port", "0", "--functions", "process",
             "--timer-interval", "2.5", "--export-seconds-per-gib", "0.01", "--export-naming", "console", "--export-limit", "1",
             "--cos-event-names", "mixed"],
            out var error)!;

        Assert.Null(error);
        Assert.Equal(("/tmp/s", "cat.json", 19000, 19100, 0), (options.StateDirectory, options.ImagesFile, options.ApiPort, options.CvmPort, options.CosPort));
        Assert.Equal(FunctionsMode.Process, options.Functions);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.TimerInterval);
        Assert.Equal(0.01, options.ExportSecondsPerGib);
        Assert.Equal(ExportNaming.Console, options.ExportNaming);
        Assert.Equal(1, options.ExportLimit);
        Assert.Equal(CosEventNames.Mixed, options.CosEventNames);
    }

    [Theory]
    [InlineData("--bogus", "unknown option")]
    [InlineData("--cvm-port abc", "--cvm-port")]
    [InlineData("--cos-port 70000", "--cos-port")]
    [InlineData("--functions lambda", "inproc or process")]
    [InlineData("--export-naming s3", "api or console")]
    [InlineData("--cos-event-names put", "documented, operation or mixed")]
    [InlineData("--timer-interval 0", "--timer-interval")]
    [InlineData("--state-dir", "needs a value")]
    [InlineData("stray", "unexpected argument")]
    [InlineData("--api-port 0", "1-65535")]
    public void ABadOptionIsNamedInTheError(string args, string expected)
    {
        var options = LocalOptions.Parse(args.Split(' '), out var error);

        Assert.Null(options);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void HelpIsRecognised()
    {
        Assert.True(LocalOptions.Parse(["--help"], out _)!.ShowHelp);
    }
}
