using ImageExport.Local.Emulator.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>A COS request after routing: path-style <c>/&lt;bucket&gt;/&lt;key&gt;</c>, both decoded.</summary>
internal sealed record CosCall(HttpContext Http, string Bucket, string Key, string RequestId, CosRequestOrigin Origin)
{
    public HttpRequest Request => Http.Request;

    public HttpResponse Response => Http.Response;

    public CancellationToken Aborted => Http.RequestAborted;

    public bool Has(string parameter) => Request.Query.ContainsKey(parameter);

    public string? Query(string parameter) => Request.Query.TryGetValue(parameter, out var value) ? value.ToString() : null;
}

/// <summary>The COS XML API, path-style, on its own listener.</summary>
internal sealed class CosEndpoint(
    EmulatedCos cos, CosAuthenticator authenticator, EmulatorCounters counters, string appId, string region, Serilog.ILogger log, FaultInjector? faults = null)
{
    // Sub-resources the emulator does not implement: answered 501 rather than mistaken for a plain GET or PUT.
    private static readonly string[] Unsupported =
        ["acl", "cors", "lifecycle", "policy", "tagging", "website", "referer", "restore", "select", "append", "logging", "notification", "inventory", "replication", "domain", "encryption", "versions", "delete"];

    private readonly Serilog.ILogger _log = log.ForContext<CosEndpoint>();
    private readonly CosObjectHandlers _objects = new(cos);
    private readonly CosBucketHandlers _buckets = new(cos.Storage, appId, region);
    private readonly CosMultipartHandlers _multipart = new(cos, appId);
    private readonly CosLifecycleHandlers _lifecycle = new(cos.Storage);
    private readonly CosVersioningHandlers _versioning = new(cos.Storage);
    private readonly CosDeleteMultipleHandler _deleteMultiple = new(cos.Storage, () => faults?.Denies(CosOperations.DeleteObject) ?? false);

    public async Task HandleAsync(HttpContext context)
    {
        counters.CosRequest();
        var requestId = RequestIds.NewCos();
        context.Response.Headers["x-cos-request-id"] = requestId;
        context.Response.Headers.Server = "tencent-cos";
        var rawPath = RawPath(context);
        var (bucket, key) = VirtualHosted(context.Request.Host.Host, region) is { } hosted
            ? (hosted, Uri.UnescapeDataString(rawPath.TrimStart('/')))
            : Split(rawPath);
        var origin = new CosRequestOrigin(requestId, context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", CosAuthenticator.AuthorizationHeader(context.Request));
        var call = new CosCall(context, bucket, key, requestId, origin);
        var fault = FaultKind.None;
        try
        {
            authenticator.Verify(context.Request, "/" + key);
            fault = faults is null ? FaultKind.None : await faults.BeforeCosAsync(context, bucket, key);
            if (fault == FaultKind.Timeout)
            {
                return;
            }

            await DispatchAsync(call);
            _log.Debug("COS {Method} {Bucket}/{Key} → {Status}", context.Request.Method, bucket, key, context.Response.StatusCode);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            var error = e switch
            {
                CosErrorException cos => cos,
                BadHttpRequestException { StatusCode: 413 } => new CosErrorException(413, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size."),
                _ => new CosErrorException(500, "InternalError", "The emulator failed on this request; its log says why."),
            };
            if (error.Status >= 500)
            {
                _log.Error(e, "COS {Method} {Bucket}/{Key} failed ({RequestId})", context.Request.Method, bucket, key, requestId);
            }
            else
            {
                _log.Information("COS {Method} {Bucket}/{Key} → {Status} {Code} ({RequestId})", context.Request.Method, bucket, key, error.Status, error.Code, requestId);
            }

            if (!context.Response.HasStarted)
            {
                await CosXml.WriteErrorAsync(context, error, $"{context.Request.Host}{rawPath}", requestId);
            }
        }
        finally
        {
            // The work is done; the client never learns it.
            if (fault == FaultKind.LostAnswer)
            {
                context.Abort();
            }
        }
    }

    private Task DispatchAsync(CosCall call)
    {
        var method = call.Request.Method;
        if (HttpMethods.IsPut(method) && call.Bucket.Length > 0 && call.Key.Length == 0 && call.Has("lifecycle"))
        {
            return _lifecycle.PutLifecycleAsync(call);
        }

        if (HttpMethods.IsPost(method) && call.Bucket.Length > 0 && call.Key.Length == 0 && call.Has("delete"))
        {
            return _deleteMultiple.DeleteAsync(call);
        }

        if (Unsupported.Any(call.Has))
        {
            throw new CosErrorException(501, "NotImplemented", "The emulator does not implement this sub-resource.");
        }

        if (call.Bucket.Length == 0)
        {
            return HttpMethods.IsGet(method) ? _buckets.ListBucketsAsync(call) : throw MethodNotAllowed();
        }

        if (call.Key.Length == 0)
        {
            return method switch
            {
                _ when HttpMethods.IsHead(method) => _buckets.HeadBucketAsync(call),
                _ when HttpMethods.IsGet(method) && call.Has("versioning") => _versioning.GetAsync(call),
                _ when HttpMethods.IsPut(method) && call.Has("versioning") => _versioning.PutAsync(call),
                _ when HttpMethods.IsGet(method) && call.Has("uploads") => _multipart.ListUploadsAsync(call),
                _ when HttpMethods.IsGet(method) => _buckets.ListObjectsAsync(call),
                _ when HttpMethods.IsPut(method) => _buckets.CreateBucketAsync(call),
                _ => throw MethodNotAllowed(),
            };
        }

        return method switch
        {
            _ when HttpMethods.IsPut(method) && call.Has("uploadId") => _multipart.UploadPartAsync(call),
            _ when HttpMethods.IsPut(method) => _objects.PutAsync(call),
            _ when HttpMethods.IsGet(method) && call.Has("uploadId") => _multipart.ListPartsAsync(call),
            _ when HttpMethods.IsGet(method) => _objects.GetAsync(call, withBody: true),
            _ when HttpMethods.IsHead(method) => _objects.GetAsync(call, withBody: false),
            _ when HttpMethods.IsDelete(method) && call.Has("uploadId") => _multipart.AbortAsync(call),
            _ when HttpMethods.IsDelete(method) => _objects.DeleteAsync(call),
            _ when HttpMethods.IsPost(method) && call.Has("uploads") => _multipart.InitiateAsync(call),
            _ when HttpMethods.IsPost(method) && call.Has("uploadId") => _multipart.CompleteAsync(call),
            _ => throw MethodNotAllowed(),
        };
    }

    private static CosErrorException MethodNotAllowed() => new(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");

    /// <summary>The path as sent, before ASP.NET decodes it, so that an encoded <c>/</c> in a key stays part of the key.</summary>
    private static string RawPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            raw = new Uri(raw).AbsolutePath;
        }

        var query = raw.IndexOf('?');
        return query < 0 ? raw : raw[..query];
    }

    /// <summary>
    /// The bucket of a virtual-hosted request (<c>&lt;bucket&gt;.cos.&lt;region&gt;.myqcloud.com</c>, as the COS SDK sends
    /// through the deploy proxy), or <c>null</c> for a path-style one.
    /// </summary>
    private static string? VirtualHosted(string host, string region)
    {
        var suffix = $".cos.{region}.myqcloud.com";
        return host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host.Length > suffix.Length ? host[..^suffix.Length].ToLowerInvariant() : null;
    }

    private static (string Bucket, string Key) Split(string rawPath)
    {
        var path = rawPath.TrimStart('/');
        var slash = path.IndexOf('/');
        return slash < 0
            ? (Uri.UnescapeDataString(path), "")
            : (Uri.UnescapeDataString(path[..slash]), Uri.UnescapeDataString(path[(slash + 1)..]));
    }
}
