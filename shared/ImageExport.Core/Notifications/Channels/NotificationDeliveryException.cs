namespace ImageExport.Core.Notifications.Channels;

/// <summary>A receiver did not accept a notification. The message never contains the receiver's URL (it holds a token).</summary>
public sealed class NotificationDeliveryException(string channel, string message, Exception? inner = null)
    : Exception($"{channel}: {message}", inner)
{
    /// <summary>The channel's name: <c>webhook</c>, <c>wecom</c>, <c>dingtalk</c>, <c>slack</c> or <c>email</c>.</summary>
    public string Channel { get; } = channel;

    /// <summary>The HTTP status the receiver answered with, when it answered over HTTP.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The receiver's own error code (WeCom and DingTalk <c>errcode</c>), when it gave one.</summary>
    public long? ReceiverCode { get; init; }
}
