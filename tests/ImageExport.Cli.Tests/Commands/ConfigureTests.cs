using ImageExport.Cli.Tests.Support;

namespace ImageExport.Cli.Tests.Commands;

/// <summary><c>imageexport configure</c>: a file only its owner can read, used when no flag or variable says otherwise.</summary>
public sealed class ConfigureTests(StackFixture app) : IClassFixture<StackFixture>
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ConfigureStoresTheUrlAndATokenFromStdinInAFileOnlyItsOwnerCanReadAndLaterCommandsUseIt()
    {
        var directory = Directory.CreateTempSubdirectory("imageexport-config-").FullName;
        var path = Path.Combine(directory, "nested", "config.json");
        var configure = new CliRun { Handler = app.Recorder, Stdin = app.Stack.Token + "\n" };
        configure.Environment["IMAGEEXPORT_CONFIG"] = path;
        var images = new CliRun { Handler = app.Recorder };
        images.Environment["IMAGEEXPORT_CONFIG"] = path;

        var configured = await configure.RunAsync("configure", "--url", app.Stack.ApiUrl, "--token-stdin");
        var listed = await images.RunAsync("images");

        Assert.True(configured.ExitCode == 0, configured.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.DoesNotContain(app.Stack.Token, configured.Stdout + configured.Stderr, StringComparison.Ordinal);
        Assert.Contains("token set", configured.Stderr, StringComparison.Ordinal);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task FlagsWinOverTheEnvironmentWhichWinsOverTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("imageexport-config-").FullName;
        var path = Path.Combine(directory, "config.json");
        await File.WriteAllTextAsync(path, """{"url":"http://127.0.0.1:1/","token":"from-the-file"}""");
        var cli = new CliRun { Handler = app.Recorder };
        cli.Environment["IMAGEEXPORT_CONFIG"] = path;
        cli.Environment["IMAGEEXPORT_TOKEN"] = app.Stack.Token;

        var fromFlag = await cli.RunAsync("images", "--url", app.Stack.ApiUrl);
        cli.Environment["IMAGEEXPORT_URL"] = app.Stack.ApiUrl;
        var fromEnvironment = await cli.RunAsync("images");
        var wrongFlag = await cli.RunAsync("images", "--token", "flag-token-beats-the-environment");

        Assert.True(fromFlag.ExitCode == 0, fromFlag.ToString());
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
        Assert.True(wrongFlag.ExitCode == 4, wrongFlag.ToString());
        Directory.Delete(directory, recursive: true);
    }
}
