using ImageExport.Configuration;
using ImageExport.TencentCloud;

namespace ImageExport.Core.Notifications.Settings;

/// <summary>Which notification channels are on, and how each is reached. A null channel is switched off.</summary>
public sealed record NotificationSettings
{
    public WebhookSettings? Webhook { get; init; }
    public WeComSettings? WeCom { get; init; }
    public DingTalkSettings? DingTalk { get; init; }
    public SlackSettings? Slack { get; init; }
    public EmailSettings? Email { get; init; }
    public PricingSettings Pricing { get; init; } = PricingSettings.Default;
    /// <summary>The deployment's language and each channel's own, where one is set.</summary>
    public ChannelLanguages Languages { get; init; } = ChannelLanguages.Default;
    /// <summary><c>IMAGEEXPORT_TIME_ZONE</c>: times are shown in UTC and, when set, in this zone too.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>True when at least one channel is switched on.</summary>
    public bool AnyChannel => Webhook is not null || WeCom is not null || DingTalk is not null || Slack is not null || Email is not null;

    /// <summary>
    /// Reads the <c>IMAGEEXPORT_*</c> notification variables (see docs/notifications.md). An unset or blank variable
    /// leaves its channel off; a malformed one throws <see cref="ImageExportConfigurationException"/> naming it.
    /// </summary>
    public static NotificationSettings FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return FromEnvironment(new EnvironmentReader(getVariable));
    }

    /// <inheritdoc cref="FromEnvironment(Func{string, string?})"/>
    public static NotificationSettings FromEnvironment(EnvironmentReader env)
    {
        ArgumentNullException.ThrowIfNull(env);

        WebhookSettings? webhook = null;
        if (env.HttpUrl("IMAGEEXPORT_WEBHOOK_URL") is { } webhookUrl)
        {
            // An unsigned webhook could be forged by anyone who learns the URL, so the secret is not optional.
            var secret = env.String("IMAGEEXPORT_WEBHOOK_SECRET")
                ?? throw new ImageExportConfigurationException("IMAGEEXPORT_WEBHOOK_SECRET",
                    "required when IMAGEEXPORT_WEBHOOK_URL is set (the HMAC-SHA256 key receivers verify deliveries with)");
            webhook = new WebhookSettings(webhookUrl, secret);
        }

        var weCom = env.HttpUrl("IMAGEEXPORT_WECOM_WEBHOOK_URL") is { } weComUrl ? new WeComSettings(weComUrl) : null;

        DingTalkSettings? dingTalk = null;
        if (env.HttpUrl("IMAGEEXPORT_DINGTALK_WEBHOOK_URL") is { } dingTalkUrl)
        {
            dingTalk = new DingTalkSettings(dingTalkUrl, env.String("IMAGEEXPORT_DINGTALK_SECRET"));
        }

        var slack = env.HttpUrl("IMAGEEXPORT_SLACK_WEBHOOK_URL") is { } slackUrl ? new SlackSettings(slackUrl) : null;

        return new NotificationSettings
        {
            Webhook = webhook,
            WeCom = weCom,
            DingTalk = dingTalk,
            Slack = slack,
            Email = ReadEmail(env),
            Pricing = new PricingSettings(
                env.Price("IMAGEEXPORT_PRICE_PER_GB_MONTH"),
                env.Currency("IMAGEEXPORT_PRICE_CURRENCY") ?? PricingSettings.Default.Currency,
                env.StorageClass("IMAGEEXPORT_STORAGE_CLASS") ?? PricingSettings.Default.StorageClass),
            Languages = ReadLanguages(env),
            TimeZone = env.TimeZone(ChannelLanguages.TimeZoneVariable),
        };
    }

    private static ChannelLanguages ReadLanguages(EnvironmentReader env)
    {
        var perChannel = new Dictionary<string, Texts.Language>(StringComparer.Ordinal);
        foreach (var (channel, variable) in ChannelLanguages.Variables)
        {
            if (env.Language(variable) is { } language)
            {
                perChannel[channel] = language;
            }
        }

        return new ChannelLanguages(env.Language(ChannelLanguages.DeploymentVariable) ?? ChannelLanguages.Default.Deployment, perChannel);
    }

    private static EmailSettings? ReadEmail(EnvironmentReader env)
    {
        var from = env.String("IMAGEEXPORT_SES_FROM");
        var to = env.String("IMAGEEXPORT_SES_TO");
        var templateId = env.String("IMAGEEXPORT_SES_TEMPLATE_ID");
        if (from is null && to is null && templateId is null)
        {
            return null;
        }

        // Half a configuration is a mistake worth stopping for, not a channel to leave silently off.
        if (from is null)
        {
            throw new ImageExportConfigurationException("IMAGEEXPORT_SES_FROM", "required for email (a verified SES sender address)");
        }

        return new EmailSettings(
            env.Sender("IMAGEEXPORT_SES_FROM")!,
            env.Recipients("IMAGEEXPORT_SES_TO"),
            env.TemplateId("IMAGEEXPORT_SES_TEMPLATE_ID"),
            // The one reading of the SES region, which the SES client is also built with.
            TencentCloudSettings.ReadSesRegion(env));
    }
}
