using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.Faults;

/// <summary>The COS API names of requests, as fault plans name them (Tencent's operation names).</summary>
internal static class CosOperations
{
    public const string DeleteObject = "DeleteObject";
    public const string DeleteMultipleObjects = "DeleteMultipleObjects";

    /// <summary>The operations a fault plan's <c>deny</c> may refuse.</summary>
    public static readonly IReadOnlyList<string> Deniable = [DeleteObject, DeleteMultipleObjects];

    public static string Name(HttpRequest request, string bucket, string key)
    {
        var method = request.Method;
        var query = request.Query;
        if (bucket.Length == 0)
        {
            return "GetService";
        }

        if (key.Length == 0)
        {
            return method switch
            {
                _ when HttpMethods.IsHead(method) => "HeadBucket",
                _ when HttpMethods.IsGet(method) && query.ContainsKey("uploads") => "ListMultipartUploads",
                _ when HttpMethods.IsGet(method) => "GetBucket",
                _ when HttpMethods.IsPut(method) => "PutBucket",
                _ when HttpMethods.IsPost(method) && query.ContainsKey("delete") => DeleteMultipleObjects,
                _ => method + "Bucket",
            };
        }

        return method switch
        {
            _ when HttpMethods.IsPut(method) && query.ContainsKey("uploadId") => "UploadPart",
            _ when HttpMethods.IsPut(method) => "PutObject",
            _ when HttpMethods.IsGet(method) && query.ContainsKey("uploadId") => "ListParts",
            _ when HttpMethods.IsGet(method) => "GetObject",
            _ when HttpMethods.IsHead(method) => "HeadObject",
            _ when HttpMethods.IsDelete(method) && query.ContainsKey("uploadId") => "AbortMultipartUpload",
            _ when HttpMethods.IsDelete(method) => DeleteObject,
            _ when HttpMethods.IsPost(method) && query.ContainsKey("uploads") => "InitiateMultipartUpload",
            _ when HttpMethods.IsPost(method) && query.ContainsKey("uploadId") => "CompleteMultipartUpload",
            _ => method + "Object",
        };
    }
}
