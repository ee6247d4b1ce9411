using System.Diagnostics.Metrics;

namespace NewsPlatform.Gateway;

/// <summary>
/// Refusals at the edge (meter <c>NewsPlatform.Gateway</c>). Requests by route and status come from
/// the built-in ASP.NET Core and YARP meters.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "NewsPlatform.Gateway";

    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _apiKeyRejected;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rateLimited = meter.CreateCounter<long>("newsplatform.gateway.rate_limit.rejections", "{request}",
            "Requests refused with 429 by a rate limit, by policy (anonymous, credentials)");
        _apiKeyRejected = meter.CreateCounter<long>("newsplatform.gateway.api_key.rejections", "{request}",
            "Requests refused because of their API key, by reason");
    }

    public void RateLimitRejected(string policy) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>("newsplatform.policy", policy));

    /// <param name="reason">Why, in a few words (e.g. unknown, revoked, over_quota) — never the key itself.</param>
    public void ApiKeyRejected(string reason) =>
        _apiKeyRejected.Add(1, new KeyValuePair<string, object?>("newsplatform.reason", reason));
}
