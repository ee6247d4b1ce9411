using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Articles;
using NewsPlatform.Search;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Messaging.Tests;

/// <summary>
/// Nothing accepted is lost: articles published while RabbitMQ is down are accepted by the API,
/// kept in the event store, and reach Search once the broker is back — each exactly once.
/// </summary>
public sealed class BrokerOutageTests : IAsyncLifetime
{
    private ThrowawayRabbitMq _broker = null!;
    private NewsroomToSearch _services = null!;
    private ServiceUnderTest<ArticlesService> _articles = null!;
    private ServiceUnderTest<SearchService> _search = null!;

    public async Task InitializeAsync()
    {
        _broker = await ThrowawayRabbitMq.StartNewAsync();
        _services = await NewsroomToSearch.StartAsync("outage", _broker.AmqpUri);
        (_articles, _search) = (_services.Articles, _services.Search);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Articles_published_while_the_broker_is_down_become_searchable_once_it_is_back_each_once()
    {
        var newsroom = _articles.CreateClientAs("editor-1", "editor");
        var reader = _search.CreateClient();
        var words = new[] { "aardvark", "bumblebee", "chinchilla", "dugong", "echidna" };

        await _broker.StopAsync();

        foreach (var word in words)
        {
            var drafted = await newsroom.PostAsJsonAsync("/api/newsroom/articles", new
            {
                headline = $"Zoo welcomes a {word}",
                body = $"<p>The {word} arrived on Friday.</p>",
                section = "lifestyle",
                subsection = "around-town",
            });
            Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
            var publish = new HttpRequestMessage(HttpMethod.Post,
                $"{drafted.Headers.Location}/publish") { Headers = { { "If-Match", drafted.Headers.ETag!.Tag } } };
            Assert.Equal(HttpStatusCode.OK, (await newsroom.SendAsync(publish)).StatusCode);
        }

        // While the broker is down, nothing can have reached Search.
        Assert.Equal(0, await TotalAsync(reader, "zoo"));

        await _broker.StartAsync();

        await Eventually.Until(() => TotalAsync(reader, "zoo"), total => total == words.Length,
            TimeSpan.FromSeconds(60), "all five articles searchable");
        foreach (var word in words)
        {
            Assert.Equal(1, await TotalAsync(reader, word));
        }
    }

    [Fact]
    public async Task Every_publication_and_correction_made_while_the_broker_is_down_is_delivered_once_it_is_back()
    {
        await using var observer = await TestBus.StartAsync(_broker.AmqpUri,
            TestBus.Observe<Contracts.Articles.ArticlePublished>(), TestBus.Observe<Contracts.Articles.ArticleUpdated>());
        var desk = _articles.CreateClientAs("editor-1", "editor");

        await _broker.StopAsync();

        var ids = new List<Guid>();
        for (var i = 1; i <= 20; i++)
        {
            var drafted = await desk.PostAsJsonAsync("/api/newsroom/articles", new
            {
                headline = $"Outage story {i}", body = "<p>Filed during the outage.</p>", section = "national", subsection = "society",
            });
            Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
            var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish") { Headers = { { "If-Match", "\"1\"" } } };
            Assert.Equal(HttpStatusCode.OK, (await desk.SendAsync(publish)).StatusCode);
            var correct = new HttpRequestMessage(HttpMethod.Put, $"/api/newsroom/articles/{id}")
            {
                Headers = { { "If-Match", "\"2\"" } },
                Content = JsonContent.Create(new { headline = $"Outage story {i}, corrected", body = "<p>Filed during the outage.</p>", section = "national", subsection = "society" }),
            };
            Assert.Equal(HttpStatusCode.OK, (await desk.SendAsync(correct)).StatusCode);
            ids.Add(id);
        }

        await _broker.StartAsync();

        await Eventually.Until(
            () => Task.FromResult(ids.Count(id =>
                observer.Received<Contracts.Articles.ArticlePublished>().Any(m => m.Message.ArticleId == id && m.Message.Version == 2) &&
                observer.Received<Contracts.Articles.ArticleUpdated>().Any(m => m.Message.ArticleId == id && m.Message.Version == 3))),
            delivered => delivered == ids.Count, TimeSpan.FromSeconds(90), "all 20 publications and 20 corrections delivered");
        Assert.All(observer.Received<Contracts.Articles.ArticleUpdated>().Where(m => ids.Contains(m.Message.ArticleId)),
            m => Assert.EndsWith(", corrected", m.Message.Content.Headline));
    }

    private static async Task<long> TotalAsync(HttpClient reader, string q)
    {
        var results = await reader.GetFromJsonAsync<JsonElement>($"/api/search?q={q}");
        return results.GetProperty("total").GetInt64();
    }
}
