using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace NewsPlatform.Gateway;

/// <summary>One token bucket: <see cref="Burst"/> requests at once, refilled by <see cref="PerSecond"/>.</summary>
public sealed class BucketSettings
{
    public int Burst { get; set; }
    public double PerSecond { get; set; }

    public TokenBucketRateLimiterOptions ToOptions() => new()
    {
        TokenLimit = Math.Max(1, Burst),
        // Refill in whole tokens: at least one per period, the period stretched for slow rates.
        TokensPerPeriod = Math.Max(1, (int)Math.Round(PerSecond)),
        ReplenishmentPeriod = TimeSpan.FromSeconds(PerSecond >= 1 ? 1 : 1 / Math.Max(PerSecond, 0.001)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>
/// Request limits at the edge (configuration "RateLimits"): a partner's requests per API key by the
/// key's tier, anonymous callers per client IP, and a much stricter bucket per IP for the credential
/// routes (login, register) against brute force. Over a limit: 429 problem details with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string Credentials = "credentials";

    /// <summary>The limit every anonymous request passes (the global limiter).</summary>
    public const string Anonymous = "anonymous";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var anonymous = builder.Configuration.GetSection("RateLimits:Anonymous").Get<BucketSettings>() ?? new() { Burst = 200, PerSecond = 100 };
        var credentials = builder.Configuration.GetSection("RateLimits:Credentials").Get<BucketSettings>() ?? new() { Burst = 10, PerSecond = 0.2 };
        var tiers = builder.Configuration.GetSection("RateLimits:Tiers").Get<Dictionary<string, BucketSettings>>() ?? [];
        // A key of a tier nobody configured gets the smallest configured bucket, never an unlimited one.
        var fallbackTier = tiers.Values.OrderBy(t => t.PerSecond).FirstOrDefault() ?? new() { Burst = 20, PerSecond = 5 };

        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                // A partner is limited per key (not per IP: one key may call from many addresses).
                http.Partner() is { } partner
                    ? RateLimitPartition.GetTokenBucketLimiter($"key:{partner.Id}:{partner.Tier}",
                        _ => (tiers.GetValueOrDefault(partner.Tier) ?? fallbackTier).ToOptions())
                    : http.Request.Headers.Authorization.Count == 0
                        ? RateLimitPartition.GetTokenBucketLimiter(ClientOf(http), _ => anonymous.ToOptions())
                        : RateLimitPartition.GetNoLimiter("signed-in"));
            options.AddPolicy(Credentials, http => RateLimitPartition.GetTokenBucketLimiter(ClientOf(http), _ => credentials.ToOptions()));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var partner = context.HttpContext.Partner() is not null;
                context.HttpContext.RequestServices.GetRequiredService<GatewayMetrics>()
                    .RateLimitRejected(partner ? "api_key" : PolicyOf(context.HttpContext));
                if (partner) context.HttpContext.RequestServices.GetRequiredService<GatewayMetrics>().ApiKeyRejected("rate_limited");
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
                    type: "https://newsplatform.dev/problems/rate-limited",
                    detail: $"Try again in {response.Headers.RetryAfter} s.").ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    // On a route with a policy of its own (YARP puts it on the endpoint) that much stricter bucket is the one
    // that runs out; elsewhere only the global anonymous limit applies.
    private static string PolicyOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? Anonymous;

    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
