using System.Net;
using System.Net.Sockets;

namespace ImageExport.Testing;

public static class FreePort
{
    /// <summary>
    /// A loopback port nothing listens on right now, for a server whose port must be known before it starts (the
    /// stack's API port, HttpListener, which cannot bind port 0 itself).
    /// </summary>
    public static int Pick()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
