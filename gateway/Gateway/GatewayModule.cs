using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Yarp.ReverseProxy.Transforms;

namespace NewsPlatform.Gateway;

public static class GatewayModule
{
    /// <summary>The services behind the gateway, by their service-discovery names.</summary>
    public static readonly string[] Services = ["articles", "subscriptions", "search"];

    /// <summary>The health checks of the services behind the gateway: reported, not part of its readiness.</summary>
    public const string DownstreamTag = "downstream";

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        // Tokens are checked here first (routes name their policy in "ReverseProxy"), and again by
        // the services: the Authorization header is passed on.
        builder.AddPlatformAuthentication();
        builder.AddApiKeys();
        builder.AddRateLimits();
        builder.AddEdgeCaching();
        builder.AddEdgeStore(); // after the cache: with several replicas, their answers are kept in the shared store
        builder.AddEdgeHygiene();
        builder.AddPlatformApiDescription();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(GatewayMetrics.MeterName));

        // Routes and clusters live in configuration (appsettings.json, "ReverseProxy"); cluster
        // addresses such as http://articles are resolved by Aspire service discovery.
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            .AddEdgeTracing(builder.Configuration)
            .AddTransforms(transforms =>
            {
                // A partner's key is a secret checked here; the services have no use for it.
                transforms.AddRequestHeaderRemove(ApiKeys.Header);
                // Nor does the edge pass on what software a service runs (its own Kestrel names nothing).
                transforms.AddResponseHeaderRemove("Server", ResponseCondition.Always);
                // A service's cache tags are for the edge's cache only: taken off the answer, kept for the cache policy.
                transforms.AddResponseTransform(context =>
                {
                    if (context.HttpContext.Response.Headers.Remove(EdgeCaching.TagsHeader, out var tags))
                        EdgeCaching.KeepTags(context.HttpContext, tags.ToString());
                    return ValueTask.CompletedTask;
                });
            });

        // Purging needs the bus; serving does not, so the bus is reported beside the services, not in readiness.
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("messaging")))
            builder.AddMessageBus("messaging", "gateway", bus => bus.AddConsumer<CachePurge>().Endpoint(e => e.OnePerReplica()), DownstreamTag);

        var health = builder.Services.AddHealthChecks();
        foreach (var service in Services)
        {
            // Shown on the gateway's /health under "downstream", but its own readiness: one service down must not
            // take every gateway out of a load balancer's rotation (that service's routes answer 503 meanwhile).
            health.Add(new HealthCheckRegistration($"{service}-service",
                sp => new DownstreamReadiness(sp.GetRequiredService<IHttpClientFactory>(), service),
                HealthStatus.Unhealthy, [DownstreamTag], TimeSpan.FromSeconds(5)));
        }
        builder.Services.AddHttpClient(DownstreamReadiness.ClientName);
        return builder;
    }

    /// <summary>
    /// Every path that is not the API's is the site's (YARP's catch-all route "site"); these prefixes stay the
    /// API's even where no route matches, so an unknown API address gets a 404 problem document, not a page.
    /// </summary>
    public static readonly string[] ReservedPrefixes = ["/api", "/internal", "/openapi"];

    public static WebApplication MapReservedPrefixes(this WebApplication app)
    {
        foreach (var prefix in ReservedPrefixes)
        {
            app.Map(prefix + "/{**rest}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "Not found.", type: "https://newsplatform.dev/problems/not-found",
                detail: "No route of the platform's API has this address; see /openapi.json."))
                .ExcludeFromDescription();
        }
        return app;
    }

    /// <summary>The proxy itself: YARP's standard steps, with problem details for failures to reach a service and
    /// answers passed on whole.</summary>
    public static WebApplication MapGatewayRoutes(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseForwarderProblems();
            proxy.UseResponseBuffering();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}

/// <summary>Whether a service behind the gateway reports ready on its own <c>/health</c> (shown on the gateway's).</summary>
public sealed class DownstreamReadiness(IHttpClientFactory clients, string service) : IHealthCheck
{
    public const string ClientName = "downstream-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await clients.CreateClient(ClientName)
                .GetAsync($"http://{service}/health", cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{service} is ready")
                : HealthCheckResult.Unhealthy($"{service} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{service} is unreachable: {e.Message}");
        }
    }
}

/// <summary>Names this service's assembly, e.g. for an in-process test host.</summary>
public sealed class GatewayService;
