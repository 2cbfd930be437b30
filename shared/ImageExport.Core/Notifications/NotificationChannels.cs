using ImageExport.TencentCloud.Ses;
using Serilog;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Core.Notifications;

/// <summary>Builds the channels the settings switch on.</summary>
public static class NotificationChannels
{
    /// <summary>
    /// One channel per configured receiver, in the order webhook, wecom, dingtalk, slack, email. Each delivers once
    /// and throws <see cref="NotificationDeliveryException"/> (or <see cref="OperationCanceledException"/>) on failure;
    /// none retries, so the caller records the failure and the timer tries again.
    /// </summary>
    /// <param name="ses">Required when email is configured; point it at <see cref="EmailSettings.Region"/>.</param>
    public static IReadOnlyList<INotificationChannel> Create(
        NotificationSettings settings, HttpClient http, ISesApi? ses, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);

        // One renderer per channel: each may speak its own language (IMAGEEXPORT_<CHANNEL>_LANGUAGE).
        NotificationRenderer Renderer(string channel) =>
            new(settings.Pricing, time, settings.Languages.For(channel), settings.TimeZone);
        var channels = new List<INotificationChannel>();
        if (settings.Webhook is { } webhook)
        {
            channels.Add(new WebhookChannel(webhook, http, Renderer("webhook"), time));
        }

        if (settings.WeCom is { } weCom)
        {
            channels.Add(new WeComChannel(weCom, http, Renderer("wecom")));
        }

        if (settings.DingTalk is { } dingTalk)
        {
            channels.Add(new DingTalkChannel(dingTalk, http, Renderer("dingtalk"), time));
        }

        if (settings.Slack is { } slack)
        {
            channels.Add(new SlackChannel(slack, http, Renderer("slack")));
        }

        if (settings.Email is { } email)
        {
            if (ses is null)
            {
                throw new ArgumentException("Email notifications are configured (IMAGEEXPORT_SES_FROM) but no SES client was given.", nameof(ses));
            }

            channels.Add(new EmailChannel(email, ses, Renderer("email"), time, logger));
        }

        return channels;
    }
}
