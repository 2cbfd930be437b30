using System.Text;

namespace ImageExport.Core.Notifications.Settings;

// Webhook URLs of WeCom, DingTalk and Slack carry their access token, so they are secrets too:
// the generated ToString of these records would print them, hence the hand-written PrintMembers.

/// <summary>Generic webhook: JSON POSTed to <see cref="Url"/>, signed with HMAC-SHA256 under <see cref="Secret"/>.</summary>
public sealed record WebhookSettings(Uri Url, string Secret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url.GetLeftPart(UriPartial.Authority)).Append("/…, Secret = ***");
        return true;
    }
}

/// <summary>WeCom group robot; the <c>key</c> in the URL is its secret.</summary>
public sealed record WeComSettings(Uri WebhookUrl)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("WebhookUrl = ").Append(WebhookUrl.GetLeftPart(UriPartial.Authority)).Append("/…");
        return true;
    }
}

/// <summary>DingTalk custom robot; with <see cref="Secret"/> (the robot's <c>SEC…</c> signing secret) every request is signed.</summary>
public sealed record DingTalkSettings(Uri WebhookUrl, string? Secret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("WebhookUrl = ").Append(WebhookUrl.GetLeftPart(UriPartial.Authority)).Append("/…, Secret = ")
            .Append(Secret is null ? "(none)" : "***");
        return true;
    }
}

/// <summary>Slack incoming webhook; the URL is the secret.</summary>
public sealed record SlackSettings(Uri WebhookUrl)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("WebhookUrl = ").Append(WebhookUrl.GetLeftPart(UriPartial.Authority)).Append("/…");
        return true;
    }
}

/// <summary>Email through Tencent SES <c>SendEmail</c> with an approved template.</summary>
/// <param name="Region">The SES region (<c>IMAGEEXPORT_SES_REGION</c>), the same value the SES client is built with.</param>
public sealed record EmailSettings(string From, IReadOnlyList<string> To, ulong TemplateId, string Region)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("From = ").Append(From).Append(", To = [").AppendJoin(", ", To).Append("], TemplateId = ")
            .Append(TemplateId).Append(", Region = ").Append(Region);
        return true;
    }
}

/// <summary>What storing the exported files costs; with no <see cref="PricePerGbMonth"/> only the fee notes are given.</summary>
/// <param name="PricePerGbMonth">Price of one GB (2^30 bytes) stored for a month in <see cref="StorageClass"/>.</param>
public sealed record PricingSettings(decimal? PricePerGbMonth, string Currency, string StorageClass)
{
    public static PricingSettings Default { get; } = new(null, Configuration.SettingDefaults.PriceCurrency, Configuration.SettingDefaults.StorageClass);
}
