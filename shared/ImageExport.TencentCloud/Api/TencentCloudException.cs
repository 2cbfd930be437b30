namespace ImageExport.TencentCloud.Api;

/// <summary>An API 3.0 error (the <c>Response.Error</c> envelope), with Tencent's code and request ID.</summary>
public class TencentCloudException(string code, string message, string? requestId, Exception? inner = null)
    : Exception($"{code}: {message}" + (requestId is null ? "" : $" (RequestId {requestId})"), inner)
{
    public string Code { get; } = code;
    public string ErrorMessage { get; } = message;
    public string? RequestId { get; } = requestId;
}

/// <summary>
/// The request may or may not have been carried out (timeout, transport error or 5xx after the request was sent).
/// Raised instead of retrying non-idempotent actions such as ExportImages.
/// </summary>
public sealed class TencentCloudOutcomeUnknownException(string action, Exception inner)
    : TencentCloudException("OutcomeUnknown", $"{action}: the outcome is unknown ({inner.Message})", null, inner)
{
    public string Action { get; } = action;
}
