using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace NewsPlatform.Gateway;

/// <summary>One token bucket: <see cref="Burst"/> requests at once, refilled by <see cref="PerSecond"/>.</summary>
public sealed class BucketSettings
{
    public int Burst { get; set; }
    public double PerSecond { get; set; }

    /// <summary>The refill rate of a shared bucket (<see cref="SharedTokenBuckets"/>), which refills continuously.</summary>
    public double PerMillisecond => Math.Max(PerSecond, 0.001) / 1000;

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
/// key's tier, a verified reader's per reader, and anonymous callers per client IP; the much stricter bucket per IP for the credential
/// routes (login, register) is <see cref="CredentialLimits"/>. Over a limit: 429 problem details with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string Credentials = "credentials";

    /// <summary>The limit every anonymous request passes (the global limiter).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The limit of each verified reader.</summary>
    public const string Reader = "reader";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var anonymous = builder.Configuration.GetSection("RateLimits:Anonymous").Get<BucketSettings>() ?? new() { Burst = 200, PerSecond = 100 };
        var reader = builder.Configuration.GetSection("RateLimits:Reader").Get<BucketSettings>() ?? new() { Burst = 300, PerSecond = 150 };
        var tiers = builder.Configuration.GetSection("RateLimits:Tiers").Get<Dictionary<string, BucketSettings>>() ?? [];
        // A key of a tier nobody configured gets the smallest configured bucket, never an unlimited one.
        var fallbackTier = tiers.Values.OrderBy(t => t.PerSecond).FirstOrDefault() ?? new() { Burst = 20, PerSecond = 5 };

        builder.Services.AddSingleton<GatewayMetrics>();
        var shared = EdgeStore.IsShared(builder.Configuration);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<ITokenBuckets>((options, buckets) =>
        {
            // One gateway counts in its memory, synchronously; several count together in the edge store. (An address
            // is its own partition's name: the hot anonymous read allocates no other.)
            RateLimitPartition<string> Bucket(string family, string key, BucketSettings bucket)
            {
                var partition = family == Anonymous ? key : $"{family}:{key}";
                return shared
                    ? RateLimitPartition.Get(partition, _ => new SharedBucketLimiter(buckets, family, bucket, key))
                    : RateLimitPartition.GetTokenBucketLimiter(partition, _ => bucket.ToOptions());
            }

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                // Logging in and registering have limits of their own (CredentialLimits), made for them.
                http.GetEndpoint()?.Metadata.GetMetadata<Yarp.ReverseProxy.Model.RouteModel>()?.Config.Metadata?.ContainsKey(CredentialLimits.MetadataKey) == true
                    ? RateLimitPartition.GetNoLimiter("credentials")
                // A partner is limited per key (not per IP: one key may call from many addresses).
                : http.Partner() is { } partner
                    ? Bucket("key", $"{partner.Id}:{partner.Tier}", tiers.GetValueOrDefault(partner.Tier) ?? fallbackTier)
                    // A reader the edge has verified is limited per reader (wherever they read from); anything else
                    // per address — an Authorization header that does not verify never got this far (EdgeIdentity).
                    : http.User.FindFirst("sub")?.Value is { } subject
                        ? Bucket(Reader, subject, reader)
                        : Bucket(Anonymous, ClientOf(http), anonymous));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var partner = context.HttpContext.Partner() is not null;
                context.HttpContext.RequestServices.GetRequiredService<GatewayMetrics>()
                    .RateLimitRejected(partner ? "api_key" : context.HttpContext.User.Identity?.IsAuthenticated == true ? Reader : PolicyOf(context.HttpContext));
                if (partner) context.HttpContext.RequestServices.GetRequiredService<GatewayMetrics>().ApiKeyRejected("rate_limited");
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                await WriteTooManyRequestsAsync(context.HttpContext, retryAfter);
            };
        });
        builder.Services.AddSingleton<CredentialLimits>();
        return builder;
    }

    /// <summary>The edge's 429: problem details and <c>Retry-After</c> in whole seconds.</summary>
    public static Task WriteTooManyRequestsAsync(HttpContext http, TimeSpan retryAfter)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
            type: "https://newsplatform.dev/problems/rate-limited",
            detail: $"Try again in {response.Headers.RetryAfter} s.").ExecuteAsync(http);
    }

    // On a route with a policy of its own (YARP puts it on the endpoint) that bucket is the one that ran out;
    // elsewhere only the global anonymous limit applies.
    private static string PolicyOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? Anonymous;

    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
