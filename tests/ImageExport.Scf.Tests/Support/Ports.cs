using System.Net;
using System.Net.Sockets;

namespace ImageExport.Scf.Tests.Support;

internal static class Ports
{
    /// <summary>A loopback port nothing listens on right now (HttpListener cannot bind port 0 itself).</summary>
    public static int Free()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
