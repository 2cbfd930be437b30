using System.Net;
using System.Text;
using System.Text.Json;

namespace ImageExport.Local.Tests.Stack.Support;

/// <summary>
/// A chat robot's webhook as WeCom runs it (answers <c>{"errcode":0,"errmsg":"ok"}</c>), on loopback, recording every
/// message body it is sent, so a test reads exactly what a WeCom group would render.
/// </summary>
internal sealed class RobotReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _bodies = [];
    private readonly Task _loop;

    public RobotReceiver()
    {
        var port = FreePort.Pick();
        Url = new Uri($"http://127.0.0.1:{port}/cgi-bin/webhook/send?key=local-test");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>The markdown content of every message received so far.</summary>
    public IReadOnlyList<string> Contents
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies.Select(body => JsonDocument.Parse(body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!)];
            }
        }
    }

    public async Task<string> WaitForContentAsync(string contains)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            if (Contents.FirstOrDefault(c => c.Contains(contains, StringComparison.Ordinal)) is { } content)
            {
                return content;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (_bodies)
            {
                _bodies.Add(body);
            }

            var reply = Encoding.UTF8.GetBytes("""{"errcode":0,"errmsg":"ok"}""");
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        }
    }
}
