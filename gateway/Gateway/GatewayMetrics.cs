using System.Diagnostics.Metrics;

namespace NewsPlatform.Gateway;

/// <summary>The gateway's own instruments, on the <c>NewsPlatform.Gateway</c> meter.</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "NewsPlatform.Gateway";

    private readonly Counter<long> _apiKeyRejections;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _apiKeyRejections = meter.CreateCounter<long>("newsplatform.gateway.api_key.rejections", "{request}",
            "Requests refused for their API key: unknown, revoked or over the key's rate limit.");
    }

    /// <param name="reason"><c>unknown</c>, <c>revoked</c> or <c>rate_limited</c>.</param>
    public void ApiKeyRejected(string reason) => _apiKeyRejections.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
