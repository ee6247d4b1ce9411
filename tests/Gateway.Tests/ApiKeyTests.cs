using System.Net;
using System.Net.Http.Json;

namespace NewsPlatform.Gateway.Tests;

/// <summary>A gateway where a basic key allows a burst of 3, slowly refilled.</summary>
public sealed class ApiKeyGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>(Generous)
    {
        ["RateLimits:Tiers:basic:Burst"] = "3",
        ["RateLimits:Tiers:basic:PerSecond"] = "0.01",
        ["RateLimits:Tiers:premium:Burst"] = "10000",
        ["RateLimits:Tiers:premium:PerSecond"] = "1000",
    };
}

/// <summary>Partner API keys at the edge, against a stand-in of the Subscriptions service's key check.</summary>
public sealed class ApiKeyTests(ApiKeyGatewayFixture gateway) : IClassFixture<ApiKeyGatewayFixture>
{
    [Theory]
    [InlineData("sk_unknown", "unknown")]
    [InlineData("sk_revoked", "revoked")]
    public async Task An_unknown_or_revoked_key_gets_a_401_problem_and_is_counted(string key, string reason)
    {
        using var rejections = new RejectionCounter(gateway.Services);
        var path = $"/api/articles?probe={Guid.NewGuid():N}";

        var response = await gateway.ClientFrom("192.0.2.1", key).GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, gateway.HitsOn(path));
        Assert.Equal(1, rejections.Count(reason));
    }

    [Fact]
    public async Task A_valid_key_goes_through_without_the_key_and_its_check_is_cached()
    {
        var path = $"/api/articles/one?probe={Guid.NewGuid():N}";
        var partner = gateway.ClientFrom("192.0.2.2", "sk_premium");

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync(path)).StatusCode);

        Assert.Equal(5, gateway.HitsOn(path));
        Assert.All(gateway.Received.Where(r => r.Path == path), r => Assert.False(r.Headers.ContainsKey("X-Api-Key")));
        Assert.Equal(1, gateway.KeyChecks.Count(k => k == "sk_premium"));
        // An unknown key's answer is cached too (briefly): a guesser does not hammer the service.
        await gateway.ClientFrom("192.0.2.2", "sk_guess").GetAsync(path);
        await gateway.ClientFrom("192.0.2.2", "sk_guess").GetAsync(path);
        Assert.Equal(1, gateway.KeyChecks.Count(k => k == "sk_guess"));
    }

    [Fact]
    public async Task Each_key_has_its_tiers_bucket_shared_across_addresses_and_over_it_gets_429_with_retry_after()
    {
        using var rejections = new RejectionCounter(gateway.Services);
        var path = $"/api/plans?probe={Guid.NewGuid():N}";

        // One key from three addresses: one bucket of 3.
        var statuses = new List<HttpStatusCode>();
        foreach (var peer in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4" })
            statuses.Add((await gateway.ClientFrom(peer, "sk_basic_one").GetAsync(path)).StatusCode);
        var refused = await gateway.ClientFrom("198.51.100.5", "sk_basic_one").GetAsync(path);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, rejections.Count("rate_limited"));

        // Another key of the same tier, from the same address, has its own bucket; so does the address without a key.
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientFrom("198.51.100.1", "sk_basic_two").GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientFrom("198.51.100.1").GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_key_does_not_open_routes_that_need_a_role()
    {
        var response = await gateway.ClientFrom("192.0.2.3", "sk_premium").PostAsJsonAsync("/api/newsroom/articles", new { headline = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
