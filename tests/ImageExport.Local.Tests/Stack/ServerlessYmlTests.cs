using ImageExport.Core;
using ImageExport.Core.Hosting;
using ImageExport.Local.Stack.Serverless;
using ImageExport.Local.Stack.Triggers;
using ImageExport.Local.Tests.Stack.Support;
using ImageExport.Scf.Events;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Local.Tests.Stack;

/// <summary>The repository's serverless.yml, read as the local stack reads it, checked against what the code expects.</summary>
public sealed class ServerlessYmlTests
{
    private static readonly Dictionary<string, string> Deployment = new(StringComparer.Ordinal)
    {
        ["STAGE"] = "prod",
        ["REGION"] = "ap-guangzhou",
        ["EXPORT_BUCKET"] = "images-1250000000",
        ["IMAGEEXPORT_API_TOKENS"] = "a-token-of-at-least-16-characters",
        // Every channel on, so that the code reads each channel's variables.
        ["IMAGEEXPORT_WEBHOOK_URL"] = "https://hooks.example.com/image-export",
        ["IMAGEEXPORT_WEBHOOK_SECRET"] = "webhook-secret",
        ["IMAGEEXPORT_WECOM_WEBHOOK_URL"] = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        ["IMAGEEXPORT_DINGTALK_WEBHOOK_URL"] = "https://oapi.dingtalk.com/robot/send?access_token=t",
        ["IMAGEEXPORT_DINGTALK_SECRET"] = "SECsecret",
        ["IMAGEEXPORT_SLACK_WEBHOOK_URL"] = "https://hooks.slack.com/services/T/B/X",
        ["IMAGEEXPORT_SES_FROM"] = "noreply@mail.example.com",
        ["IMAGEEXPORT_SES_TO"] = "ops@example.com",
        ["IMAGEEXPORT_SES_TEMPLATE_ID"] = "12345",
        ["IMAGEEXPORT_PRICE_PER_GB_MONTH"] = "0.118",
    };

    private static ServerlessDefinition Repository(out EnvReferences env)
    {
        env = new EnvReferences(Deployment);
        return ServerlessYaml.ReadFile(RepositoryFiles.ServerlessYml, env);
    }

    [Fact]
    public void EveryFunctionNamesAHandlerTheExecutableServesAndEveryHandlerIsDeployed()
    {
        var definition = Repository(out _);

        Assert.All(definition.Functions, f => Assert.Contains(f.Handler, ImageExportFunctions.HandlerNames));
        Assert.Equal(ImageExportFunctions.HandlerNames.Order(), definition.Functions.Select(f => f.Handler).Order());
        Assert.All(definition.Functions, f => Assert.InRange(f.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(900)));
        Assert.All(definition.Functions, f => Assert.InRange(f.InitTimeout, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(300)));
    }

    [Fact]
    public void EveryEnvironmentVariableItSetsIsOneTheFunctionsRead()
    {
        var definition = Repository(out _);
        var read = new HashSet<string>(StringComparer.Ordinal);
        var values = definition.Environment.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        values["TENCENTCLOUD_REGION"] = "ap-guangzhou";
        values["TENCENTCLOUD_APPID"] = "1250000000";
        string? Lookup(string name)
        {
            lock (read)
            {
                read.Add(name);
            }

            return values.GetValueOrDefault(name);
        }

        using var http = new HttpClient();
        foreach (var function in definition.Functions)
        {
            // The composition the binary runs: it reads every setting up front and fails on a bad one.
            _ = FunctionComposition.CreateHandler(function.Handler, Lookup, http, TimeProvider.System, Serilog.Core.Logger.None);
        }

        _ = new EnvironmentCredentialsProvider(Lookup);
        var unread = definition.Environment.Select(p => p.Key).Where(key => !read.Contains(key)).ToList();
        Assert.True(unread.Count == 0, $"serverless.yml sets variables no code reads: {string.Join(", ", unread)}");
    }

    [Fact]
    public void WhatTheLocalStackLeavesEmptyIsOnlyOptionalNotificationChannels()
    {
        var env = new EnvReferences(ImageExport.Local.Stack.LocalStack.SuppliedVariables.ToDictionary(name => name, name => "x", StringComparer.Ordinal));
        _ = ServerlessYaml.ReadFile(RepositoryFiles.ServerlessYml, env);

        string[] optional =
        [
            "IMAGEEXPORT_WECOM_WEBHOOK_URL", "IMAGEEXPORT_DINGTALK_WEBHOOK_URL", "IMAGEEXPORT_DINGTALK_SECRET", "IMAGEEXPORT_SLACK_WEBHOOK_URL",
            "IMAGEEXPORT_SES_FROM", "IMAGEEXPORT_SES_TO", "IMAGEEXPORT_SES_TEMPLATE_ID", "IMAGEEXPORT_PRICE_PER_GB_MONTH",
        ];
        Assert.Subset(optional.ToHashSet(), env.Unresolved.ToHashSet());
    }

    [Fact]
    public void TheTimerTriggerHasSevenCronFieldsIsEnabledAndRunsPoll()
    {
        var timer = Assert.Single(Repository(out _).TimerTriggers);

        Assert.Equal(7, timer.CronExpression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        _ = ScfCron.Parse(timer.CronExpression);
        Assert.True(timer.Enabled);
        Assert.Equal("poll", timer.Function);
    }

    [Fact]
    public void OneUnfilteredCosTriggerCoversTheExportBucketSoNoRulesOverlap()
    {
        var definition = Repository(out _);

        // One trigger, no prefix, no suffix: Tencent's rule against overlapping rules on one bucket cannot bite, and an
        // upper-case extension is not filtered out before the notify function sees it.
        var trigger = Assert.Single(definition.CosTriggers);
        Assert.True(trigger.Enabled, $"{trigger.Name} lacks enable: true");
        Assert.Equal("notify", trigger.Function);
        Assert.Equal("cos:ObjectCreated:*", trigger.Events);
        Assert.Equal(("", ""), (trigger.Prefix, trigger.Suffix));
        Assert.Equal("images-1250000000.cos.ap-guangzhou.myqcloud.com", trigger.BucketDomain);
        Assert.Equal(("images-1250000000", "ap-guangzhou"), (trigger.Bucket, trigger.Region));
        Assert.Equal("exports.notify", definition.Function("notify").Handler);
    }

    [Fact]
    public void TheFunctionUrlTriggerServesStart()
    {
        var definition = Repository(out _);

        var http = Assert.Single(definition.HttpTriggers);
        Assert.Equal("start", http.Function);
        Assert.Equal("exports.start", definition.Function("start").Handler);
    }
}
