using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsPlatform.TestSupport;

/// <summary>Loopback ports and signals for the servers the tests run as processes of their own.</summary>
public static class LocalPorts
{
    /// <summary>A loopback port nobody listens on right now: for a server a test starts, or an address that must not answer.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Sends a process a signal (TERM, INT, KILL), as a service manager would.</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString()])!;
        await kill.WaitForExitAsync();
    }
}
