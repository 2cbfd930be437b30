using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageExport.Bench;

/// <summary>One request the function made, as the proxy saw it: offsets are ms from the trace's mark.</summary>
internal sealed record TracedRequest(string Service, string Method, string Target, int Status, double StartMs, double EndMs)
{
    public double Ms => EndMs - StartMs;
}

/// <summary>
/// A forwarding proxy in front of one emulator endpoint that times every request the function makes (trace mode only:
/// it adds its own hop, so its figures explain the headline numbers rather than replace them). The Host header is
/// passed on as sent, so signatures still verify.
/// </summary>
internal sealed class TimingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TracedRequest> _seen;
    private readonly Func<long> _mark;

    private TimingProxy(WebApplication app, ConcurrentQueue<TracedRequest> seen, Func<long> mark, Uri address)
    {
        _app = app;
        _seen = seen;
        _mark = mark;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<TimingProxy> StartAsync(string service, Uri target, ConcurrentQueue<TracedRequest> seen, Func<long> mark)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None });
        app.Run(async context =>
        {
            var started = Stopwatch.GetTimestamp();
            var request = context.Request;
            var pathAndQuery = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(target, pathAndQuery));
            var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (body.Length > 0 || request.ContentLength is not null)
            {
                forward.Content = new ByteArrayContent(body.ToArray());
            }

            foreach (var (name, values) in request.Headers)
            {
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!forward.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                {
                    forward.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }
            forward.Headers.Host = request.Host.Value;
            HttpResponseMessage answer;
            try
            {
                answer = await http.SendAsync(forward, HttpCompletionOption.ResponseContentRead);
            }
            catch (Exception e)
            {
                seen.Enqueue(new TracedRequest(service, request.Method, $"{pathAndQuery} failed in the proxy: {e.Message}", 502, Ms(mark(), started), Ms(mark(), Stopwatch.GetTimestamp())));
                throw;
            }
            using var disposeAnswer = answer;
            context.Response.StatusCode = (int)answer.StatusCode;
            var bodyless = answer.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified || request.Method == "HEAD";
            foreach (var (name, values) in answer.Headers)
            {
                context.Response.Headers[name] = values.ToArray();
            }

            foreach (var (name, values) in answer.Content.Headers)
            {
                if (!bodyless || !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }
            context.Response.Headers.Remove("transfer-encoding");
            var content = await answer.Content.ReadAsByteArrayAsync();
            if (!bodyless)
            {
                await context.Response.Body.WriteAsync(content);
            }

            var ended = Stopwatch.GetTimestamp();
            var sent = System.Text.Encoding.UTF8.GetString(body.ToArray());
            var what = service == "cvm" ? CvmAction(request) + (sent.Contains("\"DryRun\":true", StringComparison.Ordinal) ? " (DryRun)" : "") : Uri.UnescapeDataString(pathAndQuery);
            seen.Enqueue(new TracedRequest(service, request.Method, what, (int)answer.StatusCode, Ms(mark(), started), Ms(mark(), ended)));
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new TimingProxy(app, seen, mark, address);
    }

    private static string CvmAction(HttpRequest request) =>
        request.Headers.TryGetValue("X-TC-Action", out var action) ? action.ToString() : "?";

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
