using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace NewsPlatform.Gateway;

/// <summary>
/// How the edge serves its sockets (configuration <c>Edge:EventLoops</c>): as event loops, the way
/// nginx's workers do. A proxy does little work per request, but each request completes four socket
/// operations (the caller's request, the service's request and answer, the caller's answer). By
/// default .NET hands every completion from its epoll thread to the thread pool, and on a 2-core host
/// those hand-offs (thread wake-ups and switches) were about a fifth of the gateway's CPU per request.
/// With event loops, each epoll thread runs the continuations itself — Kestrel's and YARP's alike —
/// and serves its share of the connections from start to end.
/// </summary>
/// <remarks>
/// This relies on nothing on the request path blocking a thread: every middleware, the token and
/// API-key checks and the forwarder are asynchronous. The default is one loop per two cores (the
/// gateway shares its host with the services it fronts); 0 leaves .NET's thread-pool scheduling.
/// </remarks>
public static class EdgeEventLoops
{
    public const string Setting = "Edge:EventLoops";

    // Read by System.Net.Sockets once, when the process opens its first socket.
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    private const string EngineCount = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    public static int DefaultCount => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// Must run before anything opens a socket (right after the builder is created). Runtime settings an
    /// operator gave in the environment win. In a process whose sockets are already up (an in-process
    /// test host) only Kestrel's part takes effect, which is harmless: its continuations then run on the
    /// thread pool, as they do by default.
    /// </summary>
    public static WebApplicationBuilder UseEdgeEventLoops(this WebApplicationBuilder builder)
    {
        var loops = builder.Configuration.GetValue(Setting, DefaultCount);
        if (loops <= 0) return builder;

        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
            if (Environment.GetEnvironmentVariable(EngineCount) is null)
                Environment.SetEnvironmentVariable(EngineCount, loops.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        // Kestrel's own hop from a socket's completion to the request's processing, run inline too.
        builder.Services.Configure<SocketTransportOptions>(sockets => sockets.UnsafePreferInlineScheduling = true);
        return builder;
    }
}
