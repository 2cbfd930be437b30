using ImageExport.Configuration;
using ImageExport.Core.Configuration;
using ImageExport.Core.Hosting;
using ImageExport.Core.Notifications;
using ImageExport.Core.Tests.Support;
using Serilog;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Tests.Configuration;

/// <summary>
/// A deploy with an optional <c>${env:X}</c> unset gives the function the text <c>undefined</c> (docs/reference/deploy.md §2):
/// the function must start with that channel off, and say which variable it was.
/// </summary>
public sealed class UnresolvedDeployValuesTests
{
    private static readonly string[] OptionalVariables =
    [
        "IMAGEEXPORT_WEBHOOK_URL", "IMAGEEXPORT_WEBHOOK_SECRET", "IMAGEEXPORT_WECOM_WEBHOOK_URL", "IMAGEEXPORT_DINGTALK_WEBHOOK_URL",
        "IMAGEEXPORT_DINGTALK_SECRET", "IMAGEEXPORT_SLACK_WEBHOOK_URL", "IMAGEEXPORT_SES_FROM", "IMAGEEXPORT_SES_TO",
        "IMAGEEXPORT_SES_TEMPLATE_ID", "IMAGEEXPORT_PRICE_PER_GB_MONTH",
    ];

    private static Dictionary<string, string> DeployedWithEveryOptionalChannelUnset()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TENCENTCLOUD_REGION"] = "ap-guangzhou",
            ["TENCENTCLOUD_APPID"] = "1250000000",
            ["IMAGEEXPORT_DEFAULT_BUCKET"] = "images-1250000000",
            ["IMAGEEXPORT_STATE_BUCKET"] = "images-1250000000",
            ["IMAGEEXPORT_API_TOKENS"] = "a-token-of-at-least-16-characters",
        };
        foreach (var name in OptionalVariables)
        {
            env[name] = "undefined";
        }

        return env;
    }

    [Fact]
    public void EveryHandlerStartsWhenADeployLeftEveryOptionalChannelAsTheTextUndefined()
    {
        var env = DeployedWithEveryOptionalChannelUnset();
        var sink = new CollectingSink();
        var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        using var http = new HttpClient();

        foreach (var handler in ImageExportFunctions.HandlerNames)
        {
            _ = FunctionComposition.CreateHandler(handler, env.GetValueOrDefault, http, TimeProvider.System, logger);
        }

        var warnings = sink.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.All(OptionalVariables.Where(n => n is not "IMAGEEXPORT_WEBHOOK_SECRET" and not "IMAGEEXPORT_DINGTALK_SECRET" and not "IMAGEEXPORT_SES_TO" and not "IMAGEEXPORT_SES_TEMPLATE_ID"),
            name => Assert.Contains(warnings, w => w.Contains(name, StringComparison.Ordinal)));
    }

    [Fact]
    public void WithoutTheFilterTheSameEnvironmentFailsAtInitNamingTheVariable()
    {
        // What the settings readers do on their own: the reason the filter sits in front of them.
        var env = DeployedWithEveryOptionalChannelUnset();

        var error = Assert.Throws<ImageExportConfigurationException>(() => NotificationSettings.FromEnvironment(env.GetValueOrDefault));

        Assert.Contains("IMAGEEXPORT_", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheChannelsAreOffAndEachVariableIsNamedOnceWithoutItsValue()
    {
        var env = DeployedWithEveryOptionalChannelUnset();
        env["IMAGEEXPORT_WEBHOOK_URL"] = "  undefined ";
        var sink = new CollectingSink();
        var lookup = UnresolvedDeployValues.Filter(env.GetValueOrDefault, new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger());

        var settings = NotificationSettings.FromEnvironment(lookup);
        _ = lookup("IMAGEEXPORT_WEBHOOK_URL");

        Assert.False(settings.AnyChannel);
        Assert.Null(settings.Pricing.PricePerGbMonth);
        Assert.Single(sink.Lines, l => l.Contains("IMAGEEXPORT_WEBHOOK_URL", StringComparison.Ordinal));
    }

    [Fact]
    public void OtherValuesPassUnchangedAndAreNotWarnedAbout()
    {
        var sink = new CollectingSink();
        var lookup = UnresolvedDeployValues.Filter(
            name => name switch { "A" => "https://undefined.example.com", "B" => "", "C" => "Undefined", _ => null },
            new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger());

        Assert.Equal(("https://undefined.example.com", "", "Undefined", (string?)null), (lookup("A"), lookup("B"), lookup("C"), lookup("D")));
        Assert.Empty(sink.Lines);
    }
}
