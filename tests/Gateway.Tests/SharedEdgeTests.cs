using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.TestSupport;
using StackExchange.Redis;

namespace NewsPlatform.Gateway.Tests;

/// <summary>
/// Two gateways sharing their edge state in the real Redis (a key prefix of their own), with small limits, and
/// their bus on a real RabbitMQ virtual host (as <see cref="PurgingGatewayFixture"/>): what the AppHost runs with
/// <c>Replicas:Gateways=2</c>.
/// </summary>
public sealed class SharedEdgeFixture : PurgingGatewayFixture
{
    public string KeyPrefix { get; } = $"test:{Guid.NewGuid():N}:";

    protected override int Replicas => 2;

    protected override IReadOnlyDictionary<string, string?> Limits => new Dictionary<string, string?>(Generous)
    {
        ["RateLimits:Anonymous:Burst"] = "30",
        ["RateLimits:Anonymous:PerSecond"] = "0.01",
        ["RateLimits:KeyLookups:Burst"] = "3",
        ["RateLimits:KeyLookups:PerSecond"] = "0.01",
        ["RateLimits:Credentials:FailuresPerAddress:Burst"] = "3",
        ["RateLimits:Credentials:FailuresPerAddress:PerSecond"] = "0.01",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["ConnectionStrings:edge"] = TestServers.Redis,
        ["EdgeStore:KeyPrefix"] = KeyPrefix,
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var server = redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: KeyPrefix + "*")) await redis.GetDatabase().KeyDeleteAsync(key);
    }
}

public sealed class SharedEdgeTests(SharedEdgeFixture gateway) : IClassFixture<SharedEdgeFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_addresss_limit_is_one_budget_across_the_gateways_not_one_each()
    {
        const string peer = "203.0.113.61";
        var (first, second) = (gateway.ClientFrom(peer, replica: 0), gateway.ClientFrom(peer, replica: 1));
        for (var i = 0; i < 30; i++)
        {
            var response = await (i % 2 == 0 ? first : second).GetAsync($"/api/sections?n={i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The 30 the address may make are spent, half at each gateway: both now refuse it.
        foreach (var client in new[] { first, second })
        {
            var refused = await client.GetAsync("/api/sections?n=31");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        // Another address is not held back by it.
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientFrom("203.0.113.62", replica: 1).GetAsync("/api/sections")).StatusCode);
    }

    [Fact]
    public async Task An_answer_one_gateway_cached_is_served_by_the_other_and_a_purge_refreshes_it_for_both()
    {
        var (first, second) = (gateway.ClientFrom("203.0.113.63", replica: 0), gateway.ClientFrom("203.0.113.63", replica: 1));
        await BusConnectedAsync(0);
        await BusConnectedAsync(1);
        var article = Guid.NewGuid();
        var path = $"/api/articles/story-{article:N}?tags=article:{article:N}";
        await first.GetAsync(path);
        await second.GetAsync(path);
        Assert.Equal(1, gateway.HitsOn(path)); // the second gateway answered from what the first kept

        await gateway.Bus.PublishAsync(new ArticleUpdated(article, 3,
            new ArticleContent($"story-{article:N}", "Corrected headline", null, "Body.", "national", null, [], "Reporter", null, false),
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));

        await Eventually.Until(async () => { await second.GetAsync(path); return gateway.HitsOn(path); }, hits => hits >= 2, Soon,
            "the corrected answer fetched again");
        var fetched = gateway.HitsOn(path);
        await first.GetAsync(path);
        Assert.Equal(fetched, gateway.HitsOn(path)); // and kept again for both
    }

    [Fact]
    public async Task A_key_checked_at_one_gateway_is_known_at_the_other_without_a_second_check()
    {
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientFrom("203.0.113.64", "sk_premium", replica: 0).GetAsync("/api/sections?k=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientFrom("203.0.113.64", "sk_premium", replica: 1).GetAsync("/api/sections?k=2")).StatusCode);
        Assert.Equal(1, gateway.KeyChecks.Count(k => k == "sk_premium"));
    }

    [Fact]
    public async Task Lookups_of_unknown_keys_from_one_address_are_limited_across_the_gateways()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var client = gateway.ClientFrom("203.0.113.65", $"sk_guess_{Guid.NewGuid():N}", replica: i % 2);
            statuses.Add((await client.GetAsync("/api/sections")).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Failed_logins_from_one_address_count_at_every_gateway()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var client = gateway.ClientFrom("203.0.113.66", replica: i % 2);
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { email = $"guess{i}@example.org", password = "wrong-password-1" })).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Each_gateway_reports_the_shared_store_beside_the_services()
    {
        foreach (var replica in new[] { 0, 1 })
        {
            var health = await gateway.ClientOf(replica).GetFromJsonAsync<JsonElement>("/health");
            Assert.Equal("Healthy", health.GetProperty("downstream").GetProperty("edge-store").GetProperty("status").GetString());
        }
    }

    private async Task BusConnectedAsync(int replica) => await Eventually.Until(
        async () => (await gateway.ClientOf(replica).GetFromJsonAsync<JsonElement>("/health")).GetProperty("downstream").GetProperty("rabbitmq").GetProperty("status").GetString(),
        s => s == "Healthy", TimeSpan.FromSeconds(30), $"gateway {replica}'s bus connected");
}

/// <summary>A gateway told to share its state in a Redis that is not there (a port nobody listens on).</summary>
public sealed class UnreachableEdgeStoreFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:edge"] = $"127.0.0.1:{LocalPorts.Free()},connectTimeout=300",
        ["EdgeStore:TimeoutMilliseconds"] = "200",
    };

}

public sealed class UnreachableEdgeStoreTests(UnreachableEdgeStoreFixture gateway) : IClassFixture<UnreachableEdgeStoreFixture>
{
    [Fact]
    public async Task Without_its_store_the_gateway_still_serves_reads_keys_and_logins_and_says_so_on_health()
    {
        var client = gateway.ClientFrom("203.0.113.70");
        var path = $"/api/articles/story-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(2, gateway.HitsOn(path)); // nothing could be kept: both from the service

        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientFrom("203.0.113.70", "sk_basic_two").GetAsync("/api/sections")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await client.PostAsJsonAsync("/api/auth/login", new { email = "reader@example.org", password = "wrong-password-1" })).StatusCode);

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode); // the gateway itself is ready
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual("Healthy", report.GetProperty("downstream").GetProperty("edge-store").GetProperty("status").GetString());
    }
}
