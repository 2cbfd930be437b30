using System.Collections.Concurrent;

namespace ImageExport.Cli.Tests.Support;

/// <summary>One request the CLI made and the answer it got.</summary>
internal sealed record Exchange(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> RequestHeaders, string? RequestBody, int Status, string Body);

/// <summary>Passes the CLI's requests to the network and keeps every answer, so the contract tests can check them all.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        Exchanges.Enqueue(new Exchange(request.Method.Method, request.RequestUri!.PathAndQuery, headers, requestBody, (int)response.StatusCode, body));
        return response;
    }
}
