using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// An HTTPS proxy for the deploy library, which has no endpoint option but honours <c>HTTPS_PROXY</c> and tunnels with
/// <c>CONNECT host:443</c> (docs/reference/deploy.md §5). It answers the CONNECT, terminates TLS with
/// <see cref="ProxyCertificates.Server"/>, and pipes the plain HTTP to the emulated service the host names; the
/// requests arrive with their Host header and signatures unchanged. Any other host is refused (502), so nothing
/// leaves the machine.
/// </summary>
internal sealed class TlsConnectProxy : IAsyncDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;
    private readonly TcpListener _listener;
    private readonly ProxyCertificates _certificates;
    private readonly Func<string, int?> _route;
    private readonly Serilog.ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private TlsConnectProxy(TcpListener listener, ProxyCertificates certificates, Func<string, int?> route, Serilog.ILogger log)
    {
        _listener = listener;
        _certificates = certificates;
        _route = route;
        _log = log.ForContext<TlsConnectProxy>();
        _accepting = AcceptAsync();
    }

    /// <summary>E.g. <c>http://127.0.0.1:9300</c>: the value for <c>HTTPS_PROXY</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <param name="route">The loopback port serving a host, or <c>null</c> when the host is not emulated.</param>
    public static TlsConnectProxy Start(int port, ProxyCertificates certificates, Func<string, int?> route, Serilog.ILogger log)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException($"the deploy proxy cannot listen on 127.0.0.1:{port}: {e.Message}", e);
        }

        return new TlsConnectProxy(listener, certificates, route, log);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = Task.Run(() => TunnelAsync(client));
        }
    }

    private async Task TunnelAsync(TcpClient client)
    {
        using var _ = client;
        var token = _stop.Token;
        try
        {
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream, token);
            var requestLine = head.Split("\r\n", 2)[0].Split(' ');
            if (requestLine.Length < 3 || requestLine[0] != "CONNECT")
            {
                await WriteAsync(stream, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                return;
            }

            var authority = requestLine[1];
            var host = authority.Contains(':', StringComparison.Ordinal) ? authority[..authority.LastIndexOf(':')] : authority;
            if (_route(host.ToLowerInvariant()) is not { } port)
            {
                _log.Warning("Deploy proxy: refused CONNECT {Authority}: not an emulated host", authority);
                await WriteAsync(stream, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                return;
            }

            await WriteAsync(stream, "HTTP/1.1 200 Connection Established\r\n\r\n", token);
            await using var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificates.Server }, token);
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, port, token);
            var service = upstream.GetStream();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token);
            var up = PipeAsync(tls, service, linked.Token);
            var down = PipeAsync(service, tls, linked.Token);
            await Task.WhenAny(up, down);
            await linked.CancelAsync();
            _log.Debug("Deploy proxy: tunnel to {Authority} closed", authority);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            _log.Debug("Deploy proxy: tunnel ended: {Message}", e.Message);
        }
    }

    private static async Task PipeAsync(Stream from, Stream to, CancellationToken token)
    {
        try
        {
            await from.CopyToAsync(to, token);
            await to.FlushAsync(token);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // One side closed: the tunnel is over.
        }
    }

    /// <summary>Reads up to the blank line that ends the CONNECT request, byte by byte so no tunnelled byte is consumed.</summary>
    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken token)
    {
        var buffer = new byte[1];
        var head = new StringBuilder();
        while (head.Length < MaxHeaderBytes)
        {
            if (await stream.ReadAsync(buffer, token) == 0)
            {
                throw new IOException("the client closed before its CONNECT request ended");
            }

            head.Append((char)buffer[0]);
            if (head.Length >= 4 && head[^1] == '\n' && head.ToString(head.Length - 4, 4) == "\r\n\r\n")
            {
                return head.ToString();
            }
        }

        throw new IOException("the CONNECT request's head is too long");
    }

    private static Task WriteAsync(Stream stream, string text, CancellationToken token) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), token).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _listener.Dispose();
        _certificates.Dispose();
        _stop.Dispose();
    }
}
