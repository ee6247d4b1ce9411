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
    private readonly Counter<long> _credentialFailures;
    private readonly Counter<long> _cachePurges;
    private readonly Counter<long> _edgeStoreFailures;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rateLimited = meter.CreateCounter<long>("newsplatform.gateway.rate_limit.rejections", "{request}",
            "Requests refused with 429 by a rate limit, by policy (anonymous, credentials)");
        _apiKeyRejected = meter.CreateCounter<long>("newsplatform.gateway.api_key.rejections", "{request}",
            "Requests refused because of their API key, by reason");
        _credentialFailures = meter.CreateCounter<long>("newsplatform.gateway.credential_failures", "{attempt}",
            "Failed logins (wrong credentials, locked account) and registrations of a taken email, by newsplatform.action");
        _cachePurges = meter.CreateCounter<long>("newsplatform.gateway.cache.purges", "{purge}",
            "Cached answers purged after an article's change, by newsplatform.change (published, corrected, unpublished)");
        _edgeStoreFailures = meter.CreateCounter<long>("newsplatform.gateway.edge_store.failures", "{request}",
            "Requests that went on without the shared edge store (it did not answer), by newsplatform.part (buckets, api_keys, answers)");
    }

    public void RateLimitRejected(string policy) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>("newsplatform.policy", policy));

    /// <summary>A failed login or registration seen at the edge (a rise is credential stuffing or address probing).</summary>
    public void CredentialFailed(string action) =>
        _credentialFailures.Add(1, new KeyValuePair<string, object?>("newsplatform.action", action));

    public void CachePurged(string change) =>
        _cachePurges.Add(1, new KeyValuePair<string, object?>("newsplatform.change", change));

    /// <summary>The shared edge store did not answer: a limit went uncounted, a key was asked again, an answer fetched.</summary>
    public void EdgeStoreFailed(string part) =>
        _edgeStoreFailures.Add(1, new KeyValuePair<string, object?>("newsplatform.part", part));

    /// <param name="reason">Why, in a few words (e.g. unknown, revoked, over_quota) — never the key itself.</param>
    public void ApiKeyRejected(string reason) =>
        _apiKeyRejected.Add(1, new KeyValuePair<string, object?>("newsplatform.reason", reason));
}
