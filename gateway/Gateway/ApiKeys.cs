using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace NewsPlatform.Gateway;

/// <summary>Configuration "ApiKeys": how long the answer of the key check is kept at the edge.</summary>
public sealed class ApiKeySettings
{
    /// <summary>Where the Subscriptions service answers the key check (a service-discovery name).</summary>
    public string CheckAddress { get; set; } = "http://subscriptions";
    /// <summary>A valid key's answer; also the longest a revoked key keeps working. At most 60 s.</summary>
    public int CacheSeconds { get; set; } = 30;
    /// <summary>An unknown or revoked key's answer: short, so a key issued a moment ago soon works.</summary>
    public int NegativeCacheSeconds { get; set; } = 5;
}

/// <summary>The partner behind a valid key, as the Subscriptions service names it.</summary>
public sealed record ApiKeyIdentity(Guid Id, string Name, string Tier);

public enum ApiKeyOutcome { Valid, Unknown, Revoked, Unavailable }

public sealed record ApiKeyCheckResult(ApiKeyOutcome Outcome, ApiKeyIdentity? Partner = null);

/// <summary>
/// Asks the Subscriptions service whether a presented key is valid (<c>POST /internal/api-keys/check</c>,
/// through service discovery and the standard resilience handler) and keeps the answer briefly, so a partner's
/// burst costs one check: in the gateway's memory, or with several gateways in the shared edge store
/// (<see cref="EdgeStore"/>), so a burst spread over every replica still costs one. Keys are kept by their hash,
/// never in clear.
/// </summary>
public sealed class ApiKeyChecker(
    HttpClient http, IDistributedCache cache, IOptions<ApiKeySettings> settings, EdgeStoreOutages outages, ILogger<ApiKeyChecker> logger)
{
    public const int MaxKeyLength = 200;

    /// <summary>The answer kept for this key, if any: no lookup needed.</summary>
    public async ValueTask<ApiKeyCheckResult?> KnownAsync(string key, CancellationToken cancellationToken)
    {
        if (key.Length is 0 or > MaxKeyLength) return new(ApiKeyOutcome.Unknown);
        try
        {
            return await cache.GetAsync(CacheKey(key), cancellationToken) is { } kept
                ? JsonSerializer.Deserialize<ApiKeyCheckResult>(kept)
                : null;
        }
        catch (Exception e) when (EdgeStore.IsUnavailable(e))
        {
            StoreFailed(e);
            return null;
        }
    }

    public async Task<ApiKeyCheckResult> CheckAsync(string key, CancellationToken cancellationToken)
    {
        if (await KnownAsync(key, cancellationToken) is { } known) return known;

        var result = await AskAsync(key, cancellationToken);
        if (result.Outcome != ApiKeyOutcome.Unavailable)
        {
            var seconds = result.Outcome == ApiKeyOutcome.Valid
                ? Math.Clamp(settings.Value.CacheSeconds, 1, 60)
                : Math.Clamp(settings.Value.NegativeCacheSeconds, 1, 60);
            try
            {
                await cache.SetAsync(CacheKey(key), JsonSerializer.SerializeToUtf8Bytes(result),
                    new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds) }, cancellationToken);
            }
            catch (Exception e) when (EdgeStore.IsUnavailable(e))
            {
                StoreFailed(e); // the next request asks again
            }
        }
        return result;
    }

    private void StoreFailed(Exception e) => outages.WentOnWithout("api_keys", "keys are asked of the identity service", e);

    private static string CacheKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task<ApiKeyCheckResult> AskAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(
                new Uri(new Uri(settings.Value.CheckAddress), "/internal/api-keys/check"), new { key }, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var partner = await response.Content.ReadFromJsonAsync<ApiKeyIdentity>(cancellationToken);
                return partner is null ? new(ApiKeyOutcome.Unavailable) : new(ApiKeyOutcome.Valid, partner);
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // The service names a revoked key by its problem type; anything else is unknown.
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                var type = problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("type", out var t) ? t.GetString() : null;
                return new(type?.EndsWith("/revoked-api-key", StringComparison.Ordinal) == true ? ApiKeyOutcome.Revoked : ApiKeyOutcome.Unknown);
            }
            logger.LogWarning("The API key check answered {Status}", (int)response.StatusCode);
            return new(ApiKeyOutcome.Unavailable);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The API key check failed: {Error}", e.Message);
            return new(ApiKeyOutcome.Unavailable);
        }
    }
}

/// <summary>
/// Partner API keys at the edge: a request with <c>X-Api-Key</c> goes on only with a valid key
/// (unknown or revoked: 401 problem details), and is then rate-limited by the key's tier (see
/// <see cref="RateLimits"/>). The key itself is not passed on to the services.
/// </summary>
public static class ApiKeys
{
    public const string Header = "X-Api-Key";

    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ApiKeySettings>(builder.Configuration.GetSection("ApiKeys"));
        builder.Services.AddHttpClient<ApiKeyChecker>();
        builder.Services.AddSingleton<KeyLookupLimit>();
        return builder;
    }

    /// <summary>The partner of this request, when it came with a valid key.</summary>
    public static ApiKeyIdentity? Partner(this HttpContext http) => http.Features.Get<ApiKeyIdentity>();

    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Headers.TryGetValue(Header, out var presented))
        {
            await next(http);
            return;
        }

        var checker = http.RequestServices.GetRequiredService<ApiKeyChecker>();
        var key = presented.ToString();
        if (await checker.KnownAsync(key, http.RequestAborted) is not { } result)
        {
            // A key the edge has not seen costs a lookup: new keys are limited per address before any is made, so
            // random keys cannot make the gateway query the identity service's database at will.
            if (await http.RequestServices.GetRequiredService<KeyLookupLimit>().RefusedAsync(RateLimits.ClientOf(http)) is { } wait)
            {
                var metrics = http.RequestServices.GetRequiredService<GatewayMetrics>();
                metrics.ApiKeyRejected("lookups_limited");
                metrics.RateLimitRejected(KeyLookupLimit.Policy);
                await RateLimits.WriteTooManyRequestsAsync(http, wait);
                return;
            }
            result = await checker.CheckAsync(key, http.RequestAborted);
        }
        switch (result.Outcome)
        {
            case ApiKeyOutcome.Valid:
                http.Features.Set(result.Partner);
                await next(http);
                return;
            case ApiKeyOutcome.Unavailable:
                await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "API keys cannot be checked right now.",
                    type: "https://newsplatform.dev/problems/service-unavailable").ExecuteAsync(http);
                return;
            default:
                http.RequestServices.GetRequiredService<GatewayMetrics>()
                    .ApiKeyRejected(result.Outcome == ApiKeyOutcome.Revoked ? "revoked" : "unknown");
                await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown or revoked API key.",
                    type: "https://newsplatform.dev/problems/invalid-api-key").ExecuteAsync(http);
                return;
        }
    });
}

/// <summary>Lookups of keys the edge does not know yet, per client address (configuration <c>RateLimits:KeyLookups</c>).</summary>
public sealed class KeyLookupLimit(IConfiguration configuration, ITokenBuckets buckets)
{
    public const string Policy = "api_key_lookups";
    private readonly BucketSettings _bucket = configuration.GetSection("RateLimits:KeyLookups").Get<BucketSettings>() ?? new() { Burst = 20, PerSecond = 1 };

    public ValueTask<TimeSpan?> RefusedAsync(string address) => buckets.TakeAsync("key-lookups", _bucket, address);
}
