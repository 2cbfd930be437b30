using System.Text.Json;
using System.Text.Json.Nodes;
using ImageExport.Core.Notifications;
using ImageExport.Local.Emulator;
using ImageExport.Local.Stack.Gateway;
using Microsoft.AspNetCore.Http;
using ILogger = Serilog.ILogger;
using ImageExport.Core.Notifications.Channels;
using ImageExport.Core.Notifications.Content;
using ImageExport.Core.Notifications.Settings;

namespace ImageExport.Local.Stack.Notifications;

/// <summary>
/// The local end of the generic webhook channel: checks the HMAC signature as a real receiver must (docs/notifications.md),
/// answers 401 when it does not hold, and appends every accepted delivery to <see cref="NotificationLog"/>. Duplicates
/// are recorded as they come, so a duplicated delivery shows instead of being hidden.
/// </summary>
internal sealed class WebhookReceiver(string secret, NotificationLog log, TimeProvider time, ILogger logger)
{
    public const string Path = "/_local/notifications/webhook";

    // As the docs advise receivers: refuse a timestamp more than a few minutes from the clock (replays).
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const int MaxBodyBytes = 1 << 20;
    private readonly ILogger _log = logger.ForContext<WebhookReceiver>();

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await LocalResponses.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "POST only");
            return;
        }

        var body = await RequestBodies.ReadAsync(request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await LocalResponses.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"at most {MaxBodyBytes} bytes");
            return;
        }

        var timestamp = request.Headers[WebhookSignature.TimestampHeader].ToString();
        var signature = request.Headers[WebhookSignature.SignatureHeader].ToString();
        var delivery = request.Headers[WebhookSignature.DeliveryHeader].ToString();
        if (!WebhookSignature.IsValid(secret, timestamp, signature.Length == 0 ? null : signature, body, time.GetUtcNow(), Tolerance))
        {
            _log.Warning("Webhook delivery {Delivery} refused: missing, stale or wrong signature", delivery);
            await LocalResponses.ErrorAsync(context, StatusCodes.Status401Unauthorized, "InvalidSignature", $"{WebhookSignature.SignatureHeader} does not verify");
            return;
        }

        JsonObject payload;
        try
        {
            payload = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            await LocalResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, "BadRequest", $"the body is not a JSON object: {e.Message}");
            return;
        }

        var entry = new JsonObject
        {
            ["id"] = payload["id"]?.DeepClone(),
            ["jobId"] = payload["jobId"]?.DeepClone(),
            ["outcome"] = payload["outcome"]?.DeepClone(),
            ["channel"] = "webhook",
            ["receivedAt"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["delivery"] = delivery,
            ["payload"] = payload,
        };
        log.Append(entry);
        _log.Information("Notification {NotificationId} for job {JobId} ({Outcome}) received by the local webhook; appended to {NotificationsFile}",
            (string?)entry["id"], (string?)entry["jobId"], (string?)entry["outcome"], log.Path);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
