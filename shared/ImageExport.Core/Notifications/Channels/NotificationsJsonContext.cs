using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageExport.Core.Notifications.Channels;

[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(WeComMessage))]
[JsonSerializable(typeof(DingTalkMessage))]
[JsonSerializable(typeof(RobotReply))]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(EmailTemplateData))]
internal sealed partial class NotificationsJsonContext : JsonSerializerContext
{
    /// <summary>
    /// camelCase, and non-ASCII text written as UTF-8 rather than \u escapes: Chinese names stay readable in the
    /// bodies and cost a third of the bytes against the robots' size limits. These bodies never go into HTML.
    /// </summary>
    public static NotificationsJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
