using ImageExport.Scf.ImageFunction;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Stack.Gateway;

/// <summary>Answers the local stack gives itself (not a function's): errors in the API's JSON error shape.</summary>
internal static class LocalResponses
{
    public static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(ImageResponses.ErrorBody(code, message), context.RequestAborted);
    }
}
