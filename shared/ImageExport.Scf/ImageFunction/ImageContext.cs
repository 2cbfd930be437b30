using System.Collections.Specialized;
using System.Globalization;
using ImageExport.Scf.Runtime;

namespace ImageExport.Scf.ImageFunction;

/// <summary>Reads an image-mode invocation's context from SCF's <c>X-Scf-*</c> headers, the environment filling gaps.</summary>
internal static class ImageContext
{
    public static InvocationContext From(NameValueCollection headers, InvocationContext instance, FunctionHostOptions options)
    {
        // NameValueCollection from HttpListener matches header names ignoring case.
        string? Header(string name) => headers[name] is { Length: > 0 } value ? value.Trim() : null;

        var timeLimit = ParseInt(Header("X-Scf-Timeout")) is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : options.DefaultTimeLimit;
        var context = instance.ForInvocation(
            Header("X-Scf-Request-Id") ?? "unknown",
            ParseInt(Header("X-Scf-Memory")) ?? 0,
            timeLimit,
            options.TimeProvider.GetUtcNow());
        context = context with
        {
            FunctionName = Header("X-Scf-Name") ?? context.FunctionName,
            FunctionVersion = Header("X-Scf-Version") ?? context.FunctionVersion,
            Namespace = Header("X-Scf-Namespace") ?? context.Namespace,
            Region = Header("X-Scf-Region") ?? context.Region,
            AppId = Header("X-Scf-Appid") ?? context.AppId,
            Uin = Header("X-Scf-Uin") ?? context.Uin,
            TriggerSource = Header("X-Scf-Trigger-Src") ?? context.TriggerSource,
        };
        // The three travel together: a key pair from the headers is never mixed with a token from the environment.
        return Header("X-Scf-Secret-Id") is { } secretId
            ? context with { SecretId = secretId, SecretKey = Header("X-Scf-Secret-Key"), SessionToken = Header("X-Scf-Session-Token") }
            : context;
    }

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
