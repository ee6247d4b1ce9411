using System.Diagnostics;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace NewsPlatform.Gateway;

/// <summary>
/// How a request's trace crosses the gateway. By default .NET's HttpClient wraps every forwarded request
/// in a diagnostics handler that starts a client span of its own and writes its headers; at the edge that
/// span only repeats the server span it sits in (same path, same timing, less the proxy's few µs). So the
/// forwarder's connections run without it (<see cref="ClientSpansSetting"/> brings it back) and a request
/// transform writes the gateway's server span as the parent the service sees: a publication is still one
/// trace, gateway → Articles → bus → consumers, with one span fewer per hop.
/// </summary>
public static class EdgeTracing
{
    /// <summary><c>Edge:Tracing:ClientSpans</c> (default false): true keeps HttpClient's own span per forwarded request.</summary>
    public const string ClientSpansSetting = "Edge:Tracing:ClientSpans";

    public static IReverseProxyBuilder AddEdgeTracing(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        if (configuration.GetValue(ClientSpansSetting, false)) return proxy;
        proxy.Services.AddSingleton<IForwarderHttpClientFactory, ForwarderClientsWithoutSpans>();
        proxy.AddTransforms(transforms => transforms.AddRequestTransform(context =>
        {
            PassOnTraceContext(context.ProxyRequest);
            return ValueTask.CompletedTask;
        }));
        return proxy;
    }

    /// <summary>
    /// The caller's trace headers (copied with the others) give way to the gateway's span, which is their child.
    /// Where the gateway traced nothing (no listener), the caller's context passes on as it came.
    /// </summary>
    private static void PassOnTraceContext(HttpRequestMessage request)
    {
        if (Activity.Current is not { } span) return;
        var propagator = DistributedContextPropagator.Current;
        foreach (var field in propagator.Fields) request.Headers.Remove(field);
        propagator.Inject(span, request, static (carrier, name, value) =>
            ((HttpRequestMessage)carrier!).Headers.TryAddWithoutValidation(name, value));
    }

    /// <summary>YARP's own client settings, with no propagator: <c>SocketsHttpHandler</c> then adds no diagnostics handler.</summary>
    private sealed class ForwarderClientsWithoutSpans(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
    {
        protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
        {
            base.ConfigureHandler(context, handler);
            handler.ActivityHeadersPropagator = null;
        }
    }
}
