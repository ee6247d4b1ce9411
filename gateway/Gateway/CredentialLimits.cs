using System.Globalization;
using System.Threading.RateLimiting;
using Yarp.ReverseProxy.Model;

namespace NewsPlatform.Gateway;

/// <summary>
/// The strict limit on attempts to log in or register, per client address (configuration
/// <c>RateLimits:Credentials</c>), shared by the API routes and the site's forms — one bucket per address
/// whichever way the attempt comes. Routes opt in with YARP metadata <c>"Credentials"</c>:
/// <list type="bullet">
/// <item><c>api</c>: over the limit, a 429 problem with <c>Retry-After</c>;</item>
/// <item><c>page</c>: the site's login and registration forms. A problem document is no answer for a person, so
/// the form is passed on with <c>X-Edge-Retry-After</c> (the seconds to wait) and the site answers 429 with the
/// form and the message; it calls no service for such a request. A copy of that header sent by a client is
/// dropped at the edge (<see cref="EdgeHeaders"/>).</item>
/// </list>
/// </summary>
public sealed class CredentialLimits : IDisposable
{
    public const string MetadataKey = "Credentials";
    public const string RetryAfterHeader = "X-Edge-Retry-After";

    private readonly PartitionedRateLimiter<string> _buckets;

    public CredentialLimits(IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits:Credentials").Get<BucketSettings>() ?? new() { Burst = 10, PerSecond = 0.2 };
        _buckets = PartitionedRateLimiter.Create<string, string>(client =>
            RateLimitPartition.GetTokenBucketLimiter(client, _ => settings.ToOptions()));
    }

    /// <summary>Takes one attempt from the client's bucket; null if allowed, else how long to wait.</summary>
    public TimeSpan? Attempt(string client)
    {
        using var lease = _buckets.AttemptAcquire(client);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _buckets.Dispose();
}

public static class CredentialLimitsExtensions
{
    public static IApplicationBuilder UseCredentialLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var mode = http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.GetValueOrDefault(CredentialLimits.MetadataKey);
        if (mode is null)
        {
            await next(http);
            return;
        }

        var wait = http.RequestServices.GetRequiredService<CredentialLimits>().Attempt(RateLimits.ClientOf(http));
        if (wait is null)
        {
            await next(http);
            return;
        }

        http.RequestServices.GetRequiredService<GatewayMetrics>().RateLimitRejected(RateLimits.Credentials);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (mode == "page")
        {
            http.Request.Headers[CredentialLimits.RetryAfterHeader] = seconds;
            await next(http);
            return;
        }
        await RateLimits.WriteTooManyRequestsAsync(http, wait.Value);
    });
}
