using ImageExport.Core.Texts;

namespace ImageExport.Core.Notifications.Settings;

/// <summary>
/// Which language each channel writes in: <c>IMAGEEXPORT_LANGUAGE</c> for all, unless the channel's own variable says
/// otherwise (a WeCom group in Chinese, email to a Korean team in Korean).
/// </summary>
public sealed record ChannelLanguages(Language Deployment, IReadOnlyDictionary<string, Language> PerChannel)
{
    public const string DeploymentVariable = "IMAGEEXPORT_LANGUAGE";
    public const string TimeZoneVariable = "IMAGEEXPORT_TIME_ZONE";

    /// <summary>Channel name → the variable that overrides its language.</summary>
    public static IReadOnlyList<(string Channel, string Variable)> Variables { get; } =
    [
        ("webhook", "IMAGEEXPORT_WEBHOOK_LANGUAGE"),
        ("wecom", "IMAGEEXPORT_WECOM_LANGUAGE"),
        ("dingtalk", "IMAGEEXPORT_DINGTALK_LANGUAGE"),
        ("slack", "IMAGEEXPORT_SLACK_LANGUAGE"),
        ("email", "IMAGEEXPORT_SES_LANGUAGE"),
    ];

    public static ChannelLanguages Default { get; } = new(Configuration.SettingDefaults.Language, new Dictionary<string, Language>());

    public Language For(string channel) => PerChannel.TryGetValue(channel, out var language) ? language : Deployment;
}
