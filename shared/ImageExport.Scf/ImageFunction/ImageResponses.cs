using System.Net;
using System.Text.Json;

namespace ImageExport.Scf.ImageFunction;

internal static class ImageResponses
{
    public static async Task WriteAsync(HttpListenerResponse response, HttpStatusCode status, string contentType, byte[] body)
    {
        response.StatusCode = (int)status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }

    /// <summary>Answers <c>{"error":{"code":…,"message":…}}</c>, the project's error shape.</summary>
    public static Task WriteErrorAsync(HttpListenerResponse response, HttpStatusCode status, string code, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", code);
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return WriteAsync(response, status, "application/json; charset=utf-8", buffer.ToArray());
    }
}
