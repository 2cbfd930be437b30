namespace ImageExport.TencentCloud.Api;

/// <summary>
/// Codes a <see cref="TencentCloudException"/> can carry besides Tencent's own: the <c>ClientError.*</c> ones mean the
/// call failed before Tencent could answer with an error envelope.
/// </summary>
public static class TencentCloudErrorCodes
{
    /// <summary>The connection failed or broke (the inner exception says how).</summary>
    public const string Transport = "ClientError.Transport";

    /// <summary>No answer within the attempt timeout.</summary>
    public const string Timeout = "ClientError.Timeout";

    /// <summary>An HTTP status other than 200 without an error envelope.</summary>
    public const string HttpStatus = "ClientError.HttpStatus";

    /// <summary>An answer that is not the documented JSON envelope.</summary>
    public const string InvalidResponse = "ClientError.InvalidResponse";

    /// <summary>Throttling: the request was refused, not carried out, so it is safe to send again.</summary>
    public static bool IsThrottling(string code) =>
        code.StartsWith("RequestLimitExceeded", StringComparison.Ordinal);

    /// <summary>A server-side failure that may pass; whether the request was carried out is unknown.</summary>
    public static bool IsTransient(string code) =>
        code.StartsWith("InternalError", StringComparison.Ordinal) || code.StartsWith("ServiceUnavailable", StringComparison.Ordinal);
}
