using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Gateway.Tests;

/// <summary>The gateway with its bus on a real RabbitMQ (a virtual host of its own), purging on article events.</summary>
public class PurgingGatewayFixture : GatewayFixture
{
    private IsolatedVirtualHost _virtualHost = null!;
    public TestBus Bus { get; private set; } = null!;

    protected override async Task BeforeGatewayAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("purge");
        Bus = await TestBus.StartAsync(_virtualHost.AmqpUri);
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
        ["OutputCaching:Seconds"] = "300", // nothing expires on its own during a test: only a purge refreshes
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Bus.DisposeAsync();
        await _virtualHost.DisposeAsync();
    }
}

public sealed class CachePurgeTests(PurgingGatewayFixture gateway) : IClassFixture<PurgingGatewayFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private async Task BusConnectedAsync() => await Eventually.Until(
        async () => (await gateway.Client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("downstream").GetProperty("rabbitmq").GetProperty("status").GetString(),
        s => s == "Healthy", TimeSpan.FromSeconds(30), "the gateway's bus connected");

    /// <summary>Reads a path until the cache answers it (one hit), then says how often the stand-in has been asked.</summary>
    private async Task CachedAsync(string path)
    {
        await gateway.Client.GetAsync(path);
        await gateway.Client.GetAsync(path);
        Assert.Equal(1, gateway.HitsOn(path));
    }

    [Fact]
    public async Task A_takedown_evicts_every_cached_answer_that_shows_the_article_and_nothing_else()
    {
        await BusConnectedAsync();
        var article = Guid.NewGuid();
        var other = Guid.NewGuid();
        var a = $"{article:N}";
        var page = $"/api/articles/story-{a}?tags=article:{a}";
        var front = $"/api/articles?section=national&probe={a}&tags=front:national+article:{a}+article:{other:N}";
        var sitePage = $"/articles/story-{a}?tags=article:{a}+front:national";
        var search = $"/api/search/suggest?q={a}&tags=search";
        var unrelated = $"/api/articles/other-{other:N}?tags=article:{other:N}";
        var otherSection = $"/api/articles?section=business&probe={a}&tags=front:business+article:{other:N}";
        foreach (var path in new[] { page, front, sitePage, unrelated, otherSection }) await CachedAsync(path);
        await gateway.Client.GetAsync(search); // the search cluster is down here: a 503 is never cached, asked again anyway

        await gateway.Bus.PublishAsync(new ArticleUnpublished(article, 5, $"story-{a}", DateTimeOffset.UtcNow, "national"));

        // Each answer showing the article comes from the service again, once.
        foreach (var path in new[] { page, front, sitePage })
            await Eventually.Until(async () => { await gateway.Client.GetAsync(path); return gateway.HitsOn(path); }, hits => hits >= 2, Soon, path);
        // And what does not show it stays in the cache.
        await gateway.Client.GetAsync(unrelated);
        await gateway.Client.GetAsync(otherSection);
        Assert.Equal(1, gateway.HitsOn(unrelated));
        Assert.Equal(1, gateway.HitsOn(otherSection));
    }

    [Fact]
    public async Task A_publication_evicts_its_sections_fronts_the_whole_edition_lists_and_search()
    {
        await BusConnectedAsync();
        var id = Guid.NewGuid();
        var probe = $"{id:N}";
        var sports = $"/api/articles?section=sports&probe={probe}&tags=front:sports";
        var everything = $"/rss?probe={probe}&tags=front:all";
        var sitemap = $"/sitemap-news.xml?probe={probe}&tags=sitemap";
        var searchPage = $"/search?q={probe}&tags=search";
        var world = $"/api/articles?section=world&probe={probe}&tags=front:world";
        foreach (var path in new[] { sports, searchPage, world }) await CachedAsync(path);
        await gateway.Client.GetAsync(everything);
        await gateway.Client.GetAsync(sitemap);

        await gateway.Bus.PublishAsync(new ArticlePublished(id, 2,
            new ArticleContent($"new-{probe}", "Marathon route changes", null, "Body.", "sports", null, [], "Reporter", null, false),
            DateTimeOffset.UtcNow, null));

        foreach (var path in new[] { sports, searchPage })
            await Eventually.Until(async () => { await gateway.Client.GetAsync(path); return gateway.HitsOn(path); }, hits => hits >= 2, Soon, path);
        await Eventually.Until(async () => { await gateway.Client.GetAsync(everything); return gateway.Received.Count(r => r.Path.StartsWith("/rss")); },
            hits => hits >= 2, Soon, "the edition's feed");
        await gateway.Client.GetAsync(world);
        Assert.Equal(1, gateway.HitsOn(world));
    }

    [Fact]
    public async Task A_services_cache_tags_never_reach_the_caller()
    {
        var path = $"/api/articles/tagged-{Guid.NewGuid():N}?tags=article:x+front:national";
        var fresh = await gateway.Client.GetAsync(path);
        var cached = await gateway.Client.GetAsync(path);
        Assert.False(fresh.Headers.Contains("Surrogate-Key"));
        Assert.False(cached.Headers.Contains("Surrogate-Key"));
        Assert.False(fresh.Content.Headers.Contains("Surrogate-Key"));
    }
}
