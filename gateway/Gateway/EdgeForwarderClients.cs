using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;

namespace NewsPlatform.Gateway;

/// <summary>A service the gateway reaches over a Unix domain socket on the same host instead of loopback TCP.</summary>
public sealed class UnixSocketRoute
{
    /// <summary>The destination address as the cluster names it, e.g. <c>http://127.0.0.1:5111</c>.</summary>
    public string Address { get; set; } = "";

    /// <summary>The socket the service listens on (Kestrel: <c>--urls http://unix:/run/newsplatform/articles.sock</c>).</summary>
    public string Path { get; set; } = "";
}

/// <summary>
/// The connections the forwarder opens to the services: YARP's own client settings, with two changes.
/// No diagnostics handler (see <see cref="EdgeTracing"/>) unless <see cref="EdgeTracing.ClientSpansSetting"/>; and,
/// for the destinations listed under <c>Edge:UnixSockets</c> (a list of <see cref="UnixSocketRoute"/>), a Unix
/// domain socket instead of TCP: a service on the same host is then reached without the loopback TCP stack.
/// Every other destination is connected as before; with no list, loopback TCP throughout (the default).
/// </summary>
internal sealed class EdgeForwarderClients(ILogger<ForwarderHttpClientFactory> logger, IConfiguration configuration)
    : ForwarderHttpClientFactory(logger)
{
    public const string UnixSocketsSetting = "Edge:UnixSockets";

    private readonly bool _clientSpans = configuration.GetValue(EdgeTracing.ClientSpansSetting, false);

    private readonly Dictionary<(string Host, int Port), string> _unixSockets =
        (configuration.GetSection(UnixSocketsSetting).Get<UnixSocketRoute[]>() ?? [])
        .Where(route => Uri.TryCreate(route.Address, UriKind.Absolute, out _) && route.Path.Length > 0)
        .ToDictionary(route => (new Uri(route.Address).Host, new Uri(route.Address).Port), route => route.Path);

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        if (!_clientSpans) handler.ActivityHeadersPropagator = null; // no diagnostics handler, no client span
        if (_unixSockets.Count > 0) handler.ConnectCallback = ConnectAsync;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = _unixSockets.TryGetValue((context.DnsEndPoint.Host, context.DnsEndPoint.Port), out var path)
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }; // as SocketsHttpHandler connects by default
        try
        {
            if (path is not null) await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            else await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
