using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsPlatform.Gateway.Tests;

/// <summary>Output caching of public reads: repeated anonymous reads are served by the gateway, and nothing personal is ever shared.</summary>
public sealed class CachingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/rss/national")]
    [InlineData("/rss")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemap-articles-1.xml")]
    [InlineData("/sitemap-news.xml")]
    public async Task Feeds_and_sitemaps_are_one_cache_entry_whatever_query_string_comes_with_them(string route)
    {
        var first = $"{route}?probe={Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(first)).StatusCode);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync($"{route}?junk={Guid.NewGuid():N}")).StatusCode);

        Assert.Equal(1, gateway.Received.Count(r => r.Path.StartsWith(route + "?", StringComparison.Ordinal) || r.Path == route));
    }

    [Theory]
    [InlineData("/api/sections")]
    [InlineData("/api/articles")]
    [InlineData("/api/articles/some-story")]
    public async Task Repeated_anonymous_reads_are_served_from_the_cache(string route)
    {
        var path = $"{route}?probe={Guid.NewGuid():N}";

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync(path)).StatusCode);

        Assert.Equal(1, gateway.HitsOn(path));
        // Another query is another entry.
        await gateway.Client.GetAsync(path + "&page=2");
        Assert.Equal(1, gateway.HitsOn(path + "&page=2"));
    }

    [Fact]
    public async Task A_subscribers_premium_body_never_reaches_an_anonymous_reader_and_the_reverse()
    {
        var path = $"/api/articles/premium-{Guid.NewGuid():N}";
        var subscriber = gateway.ClientAs("subscriber-1", "reader");

        // A subscriber reads first: nothing of theirs is cached for the anonymous reader after them.
        var first = await subscriber.GetFromJsonAsync<JsonElement>(path);
        var anonymous = await gateway.Client.GetFromJsonAsync<JsonElement>(path);
        // Now the anonymous (locked) version is cached: the subscriber still gets the full body, twice.
        var anonymousAgain = await gateway.Client.GetFromJsonAsync<JsonElement>(path);
        var second = await subscriber.GetFromJsonAsync<JsonElement>(path);
        var third = await subscriber.GetFromJsonAsync<JsonElement>(path);

        Assert.All(new[] { first, second, third }, r => Assert.False(r.GetProperty("locked").GetBoolean()));
        Assert.All(new[] { anonymous, anonymousAgain }, r => Assert.True(r.GetProperty("locked").GetBoolean()));
        // Subscribers' reads all went to the service; the second anonymous one came from the cache.
        Assert.Equal(3, gateway.Received.Count(r => r.Path == path && r.Authorization is { Length: > 0 }));
        Assert.Equal(1, gateway.Received.Count(r => r.Path == path && string.IsNullOrEmpty(r.Authorization)));
    }

    [Fact]
    public async Task Requests_with_an_api_key_or_a_cookie_bypass_the_cache()
    {
        var path = $"/api/articles?probe={Guid.NewGuid():N}";
        await gateway.Client.GetAsync(path); // cached for anonymous readers

        var partner = gateway.ClientFrom("192.0.2.10", "sk_premium");
        await partner.GetAsync(path);
        await partner.GetAsync(path);
        await gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", "session=abc" } } });

        Assert.Equal(4, gateway.HitsOn(path));
    }

    [Fact]
    public async Task Writes_and_errors_are_not_cached()
    {
        var path = $"/api/search?q=x&probe={Guid.NewGuid():N}"; // the search service is down: 503
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gateway.Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gateway.Client.GetAsync(path)).StatusCode);

        var newsroom = $"/api/newsroom/articles?probe={Guid.NewGuid():N}";
        var editor = gateway.ClientAs("e-3", "editor");
        await editor.GetAsync(newsroom);
        await editor.GetAsync(newsroom);
        Assert.Equal(2, gateway.HitsOn(newsroom));
    }

    [Fact]
    public async Task A_cached_answer_still_carries_its_own_request_id()
    {
        var path = $"/api/sections?probe={Guid.NewGuid():N}";
        var first = await gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Request-Id", "first-request-1" } } });
        var second = await gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "X-Request-Id", "second-request-2" } } });

        Assert.Equal(1, gateway.HitsOn(path));
        Assert.Equal("first-request-1", first.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("second-request-2", second.Headers.GetValues("X-Request-Id").Single());
    }
}

/// <summary>The gateway with output caching switched off in configuration.</summary>
public sealed class UncachedGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OutputCaching:Enabled"] = "false",
    };
}

public sealed class CachingSwitchTests(UncachedGatewayFixture gateway) : IClassFixture<UncachedGatewayFixture>
{
    [Fact]
    public async Task With_caching_switched_off_every_anonymous_read_reaches_the_service()
    {
        var path = $"/api/articles/some-story?probe={Guid.NewGuid():N}";

        for (var i = 0; i < 3; i++)
        {
            var response = await gateway.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Age);
        }

        Assert.Equal(3, gateway.HitsOn(path));
    }
}
