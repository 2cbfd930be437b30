using System.Net.Http.Json;
using System.Text.Json;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>WeCom and DingTalk refuse with HTTP 200 and a non-zero <c>errcode</c>, so the status alone proves nothing.</summary>
internal static class RobotReplies
{
    public static async Task EnsureAcceptedAsync(HttpResponseMessage response, string channel, CancellationToken cancellationToken)
    {
        await HttpDelivery.EnsureSuccessAsync(response, channel, cancellationToken).ConfigureAwait(false);

        RobotReply? reply;
        try
        {
            reply = await response.Content.ReadFromJsonAsync(NotificationsJsonContext.Wire.RobotReply, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new NotificationDeliveryException(channel, "the receiver's answer is not the expected JSON", e)
            {
                StatusCode = (int)response.StatusCode,
            };
        }

        if (reply?.ErrorCode is not 0)
        {
            throw new NotificationDeliveryException(
                channel, $"the receiver refused the message: errcode {reply?.ErrorCode?.ToString() ?? "missing"}, {reply?.ErrorMessage}")
            {
                StatusCode = (int)response.StatusCode,
                ReceiverCode = reply?.ErrorCode,
            };
        }
    }
}
