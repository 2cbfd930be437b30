using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace ImageExport.Scf.Runtime;

/// <summary>The four calls of SCF's custom-runtime API (docs/reference/scf.md §1.2), over one long-lived client.</summary>
internal sealed class RuntimeApiClient(HttpClient http, Uri baseUri, TimeProvider time)
{
    // Bounds the short calls only; `next` is a long poll that may legitimately wait for hours.
    private static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(30);

    public Uri BaseUri => baseUri;

    // SCF ignores the body; the official bash example sends one space.
    public Task PostReadyAsync(CancellationToken cancellationToken) =>
        PostAsync("runtime/init/ready", new ByteArrayContent(" "u8.ToArray()), cancellationToken);

    public async Task<RuntimeInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(baseUri, "runtime/invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"GET /runtime/invocation/next answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new RuntimeInvocation(
            payload,
            Header(response, "request_id"),
            ParseInt(Header(response, "memory_limit_in_mb")),
            ParseInt(Header(response, "time_limit_in_ms")));
    }

    public Task PostResponseAsync(byte[] body, CancellationToken cancellationToken) =>
        PostAsync("runtime/invocation/response", new ByteArrayContent(body), cancellationToken);

    public Task PostErrorAsync(string message, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(message));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        return PostAsync("runtime/invocation/error", content, cancellationToken);
    }

    private async Task PostAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(PostTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using (content)
        using (var response = await http.PostAsync(new Uri(baseUri, path), content, linked.Token).ConfigureAwait(false))
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new RuntimeApiException($"POST /{path} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
    }

    // HttpHeaders matches names ignoring case, which the bash example's Request_Id spelling needs.
    private static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        }
        return null;
    }

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
