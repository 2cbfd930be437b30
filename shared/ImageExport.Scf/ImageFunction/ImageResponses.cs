using System.Net;
using System.Text.Json;

namespace ImageExport.Scf.ImageFunction;

/// <summary>
/// The image function's own answers. Public only for <see cref="ErrorBody"/>, which the local stack's gateway answers
/// with too, so that the project's error shape is written in one place.
/// </summary>
public static class ImageResponses
{
    internal static async Task WriteAsync(HttpListenerResponse response, HttpStatusCode status, string contentType, byte[] body)
    {
        response.StatusCode = (int)status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }

    /// <summary>Answers <c>{"error":{"code":…,"message":…}}</c>, the project's error shape.</summary>
    internal static Task WriteErrorAsync(HttpListenerResponse response, HttpStatusCode status, string code, string message) =>
        WriteAsync(response, status, "application/json; charset=utf-8", ErrorBody(code, message));

    /// <summary><c>{"error":{"code":…,"message":…}}</c> as UTF-8 JSON (served as <c>application/json; charset=utf-8</c>).</summary>
    public static byte[] ErrorBody(string code, string message)
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

        return buffer.ToArray();
    }
}
