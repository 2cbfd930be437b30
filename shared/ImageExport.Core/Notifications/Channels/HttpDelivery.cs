using System.Net.Http.Headers;
using ImageExport.Core.Notifications.Content;

namespace ImageExport.Core.Notifications.Channels;

/// <summary>The POST every HTTP channel makes, with errors that name the channel and never the (secret) URL.</summary>
internal static class HttpDelivery
{
    private const int SnippetLength = 200;

    public static async Task<HttpResponseMessage> PostJsonAsync(
        HttpClient http, string channel, Uri url, byte[] body, Action<HttpRequestMessage>? decorate, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        decorate?.Invoke(request);
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationDeliveryException(channel, $"the receiver could not be reached ({e.HttpRequestError})", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException(channel, "the receiver did not answer in time", e);
        }
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string channel, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var snippet = await SnippetAsync(response, cancellationToken).ConfigureAwait(false);
        throw new NotificationDeliveryException(channel, $"the receiver answered HTTP {status}{(snippet.Length > 0 ? ": " + snippet : "")}")
        {
            StatusCode = status,
        };
    }

    public static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        text = text.Trim();
        return text.Length <= SnippetLength ? text : Truncation.ToChars(text, SnippetLength, "…");
    }
}
