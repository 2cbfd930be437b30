using System.Net;
using ImageExport.Scf.Runtime;
using Serilog;

namespace ImageExport.Scf.ImageFunction;

/// <summary>
/// SCF's image-function protocol (docs/reference/scf.md §2): events arrive as <c>POST /event-invoke</c> on port 9000, the
/// context in <c>X-Scf-*</c> headers, the result is the response body. SCF sends one event per instance at a time,
/// so requests are served one after another.
/// </summary>
internal sealed class ImageServer(InvocationRunner runner, InvocationContext instance, FunctionHostOptions options, ILogger logger)
{
    public const int DefaultPort = 9000;

    // SCF caps synchronous events at 6 MB; anything far larger is not an event.
    private const long MaxEventBytes = 16 * 1024 * 1024;

    public async Task<int> RunAsync(int port, CancellationToken stopping)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://{options.ImageHost}:{port}/");
        try
        {
            listener.Start();
        }
        catch (Exception e) when (e is HttpListenerException or System.Net.Sockets.SocketException)
        {
            logger.Fatal(e, "Image mode cannot listen on {Host}:{Port}", options.ImageHost, port);
            return FunctionExitCodes.ImageServerFailed;
        }
        logger.Information("Image mode listening on {Host}:{Port}, POST /event-invoke", options.ImageHost, port);
        options.ImageServerListening?.Invoke(port);

        using var stop = stopping.Register(listener.Stop);
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext request;
            try
            {
                request = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                logger.Fatal(e, "Image mode stopped accepting requests");
                return FunctionExitCodes.ImageServerFailed;
            }

            try
            {
                await ServeAsync(request, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The caller went away before reading the answer; the next request is unaffected.
                logger.Warning(e, "Could not answer {Method} {Path}", request.Request.HttpMethod, request.Request.Url?.AbsolutePath);
            }
        }
        return FunctionExitCodes.Stopped;
    }

    private async Task ServeAsync(HttpListenerContext http, CancellationToken stopping)
    {
        var request = http.Request;
        using var response = http.Response;
        if (!string.Equals(request.Url?.AbsolutePath, "/event-invoke", StringComparison.Ordinal))
        {
            await ImageResponses.WriteErrorAsync(response, HttpStatusCode.NotFound, "NotFound", "Events are posted to /event-invoke.").ConfigureAwait(false);
            return;
        }
        if (!string.Equals(request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            response.AddHeader("Allow", "POST");
            await ImageResponses.WriteErrorAsync(response, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "Events are posted to /event-invoke.").ConfigureAwait(false);
            return;
        }
        if (request.ContentLength64 > MaxEventBytes)
        {
            await ImageResponses.WriteErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "EventTooLarge", "The event exceeds 16 MB.").ConfigureAwait(false);
            return;
        }

        byte[] payload;
        try
        {
            payload = await ReadBodyAsync(request, stopping).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            await ImageResponses.WriteErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "EventTooLarge", e.Message).ConfigureAwait(false);
            return;
        }
        var context = ImageContext.From(request.Headers, instance, options);
        var outcome = await runner.RunAsync(payload, context, stopping).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            await ImageResponses.WriteAsync(response, HttpStatusCode.OK, "application/json", outcome.Response!).ConfigureAwait(false);
        }
        else
        {
            var (status, code) = outcome.TimedOut ? (HttpStatusCode.GatewayTimeout, "FunctionTimeout") : (HttpStatusCode.InternalServerError, "FunctionError");
            await ImageResponses.WriteErrorAsync(response, status, code, outcome.Error!).ConfigureAwait(false);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength64 is > 0 and <= MaxEventBytes ? (int)request.ContentLength64 : 0);
        var chunk = new byte[81920];
        int read;
        // A chunked body has no Content-Length to check up front.
        while ((read = await request.InputStream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxEventBytes)
            {
                throw new InvalidDataException("The event exceeds 16 MB.");
            }

            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
