using System.Net;
using System.Net.Sockets;

namespace ImageExport.Reliability.Tests.Support;

internal static class FreePort
{
    /// <summary>A port nothing listens on right now (the API port must be known before the stack starts).</summary>
    public static int Pick()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
