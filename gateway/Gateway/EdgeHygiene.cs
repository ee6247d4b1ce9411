using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Yarp.ReverseProxy.Forwarder;

namespace NewsPlatform.Gateway;

/// <summary>Configuration "Edge": what the front door accepts and whom it believes.</summary>
public sealed class EdgeSettings
{
    /// <summary>
    /// Largest request body; larger ones get 413 before any service sees them. A route may allow more with the
    /// metadata <see cref="EdgeHygiene.MaxRequestBodyMetadataKey"/> (the newsroom's photo upload does).
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>Proxies (load balancers) whose <c>X-Forwarded-*</c> headers are believed; nobody else's are.</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>The same, as networks in CIDR notation (<c>10.0.0.0/8</c>).</summary>
    public string[] KnownNetworks { get; set; } = [];
    /// <summary>Browser origins allowed to call the API (CORS); none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];
    /// <summary>Route timeouts by policy name (routes name one with <c>"TimeoutPolicy"</c>).</summary>
    public Dictionary<string, TimeSpan> Timeouts { get; set; } = [];
    /// <summary>A service's answer up to this size is passed on whole, with its length (<see cref="EdgeResponseBuffering"/>); 0: off.</summary>
    public int ResponseBufferBytes { get; set; } = 32 * 1024;
}

/// <summary>
/// Edge hygiene: forwarded headers from known proxies only, a request body limit, CORS from
/// configuration, timeouts per route, and problem details for every failure to reach a service.
/// </summary>
public static class EdgeHygiene
{
    /// <summary>
    /// A route's own body limit in bytes (<c>"Metadata": { "MaxRequestBodyBytes": "…" }</c> in "ReverseProxy"), instead
    /// of <see cref="EdgeSettings.MaxRequestBodyBytes"/>: for the one route that takes files, without raising the limit of all.
    /// </summary>
    public const string MaxRequestBodyMetadataKey = "MaxRequestBodyBytes";

    public static IHostApplicationBuilder AddEdgeHygiene(this IHostApplicationBuilder builder)
    {
        var edge = builder.Configuration.GetSection("Edge").Get<EdgeSettings>() ?? new();
        builder.Services.Configure<EdgeSettings>(builder.Configuration.GetSection("Edge"));

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Believed only from the configured proxies, and with none configured from nobody: ASP.NET Core reads
            // empty trust lists as "trust every sender", which would let any client choose its own address (and
            // with it a fresh rate-limit bucket per request).
            options.ForwardedHeaders = edge.KnownProxies.Length + edge.KnownNetworks.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only the configured proxies, not the loopback defaults; walk back through them to the first
            // address nobody vouches for (that is the client).
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.ForwardLimit = null;
            foreach (var proxy in edge.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in edge.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });

        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = edge.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false; // the edge does not advertise its software
        });

        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(edge.CorsOrigins)
            .WithMethods("GET", "HEAD", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", ApiKeys.Header, EdgeHeaders.RequestIdHeader)
            .WithExposedHeaders("ETag", "Location", "Retry-After", EdgeHeaders.RequestIdHeader)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        builder.Services.AddRequestTimeouts(options =>
        {
            foreach (var (name, timeout) in edge.Timeouts)
            {
                options.AddPolicy(name, new RequestTimeoutPolicy
                {
                    Timeout = timeout,
                    TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
                    WriteTimeoutResponse = http => TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout,
                        title: "The service took too long to answer.", type: "https://newsplatform.dev/problems/gateway-timeout").ExecuteAsync(http),
                });
            }
        });
        return builder;
    }

    /// <summary>The edge middleware that runs before authentication, in order.</summary>
    public static WebApplication UseEdge(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseEdgeHeaders();
        app.UseProblemDetailsForErrors();
        app.UseRequestBodyLimit();
        app.UseCors();
        return app;
    }

    private static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var edgeLimit = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<EdgeSettings>>().Value.MaxRequestBodyBytes;
        return app.Use(async (http, next) =>
        {
            // Most requests are reads without a body: nothing to limit, and no route metadata to look up on the hot path.
            if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
            {
                await next(http);
                return;
            }
            var limit = RouteLimitOf(http) ?? edgeLimit;
            if (http.Request.ContentLength > limit)
            {
                await TooLarge(limit).ExecuteAsync(http);
                return;
            }
            // A body without a declared length is cut off at the same size while it streams through.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
            await next(http);
        });
    }

    // The route is known here: routing runs first, so the matched YARP route's metadata can be read.
    private static long? RouteLimitOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<Yarp.ReverseProxy.Model.RouteModel>()?.Config.Metadata?
            .GetValueOrDefault(MaxRequestBodyMetadataKey) is { } value && long.TryParse(value, out var bytes) && bytes > 0
            ? bytes
            : null;

    private static IResult TooLarge(long limit) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request is too large.", detail: $"A request body has at most {limit / 1024} KB.",
        type: "https://newsplatform.dev/problems/request-too-large");

    /// <summary>
    /// Runs around YARP's forwarder: a failure to reach a service becomes problem details with the
    /// status that says what happened — not reachable or no healthy destination: 503; too slow: 504;
    /// anything else: 502 — instead of a bare status.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseForwarderProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (http, next) =>
        {
            await next(http);
            var error = http.Features.Get<IForwarderErrorFeature>();
            if (error is null || http.Response.HasStarted) return;

            var timedOut = http.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;
            var (status, title, type) = Classify(error, timedOut, http);
            if (status is null) return; // the caller went away; nobody reads an answer
            http.Response.Clear();
            await TypedResults.Problem(statusCode: status, title: title, type: $"https://newsplatform.dev/problems/{type}").ExecuteAsync(http);
        });
        return proxy;
    }

    private static (int? Status, string Title, string Type) Classify(IForwarderErrorFeature error, bool timedOut, HttpContext http)
    {
        if (timedOut || error.Error == ForwarderError.RequestTimedOut)
            return (StatusCodes.Status504GatewayTimeout, "The service took too long to answer.", "gateway-timeout");
        if (error.Error == ForwarderError.NoAvailableDestinations || IsConnectionFailure(error.Exception))
            return (StatusCodes.Status503ServiceUnavailable, "The service is unavailable.", "service-unavailable");
        if (FindInner<Microsoft.AspNetCore.Http.BadHttpRequestException>(error.Exception) is { StatusCode: StatusCodes.Status413PayloadTooLarge })
            return (StatusCodes.Status413PayloadTooLarge, "The request is too large.", "request-too-large");
        if (error.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled || http.RequestAborted.IsCancellationRequested)
            return (null, "", "");
        if (error.Error is ForwarderError.RequestBodyClient)
            return (StatusCodes.Status400BadRequest, "The request body could not be read.", "bad-request");
        return (StatusCodes.Status502BadGateway, "The service answered badly or not at all.", "bad-gateway");
    }

    private static bool IsConnectionFailure(Exception? exception) =>
        FindInner<SocketException>(exception) is { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable }
        || FindInner<HttpRequestException>(exception) is { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private static T? FindInner<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }
}
