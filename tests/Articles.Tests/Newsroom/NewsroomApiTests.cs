using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;
using Bus = NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Articles.Tests.Newsroom;

/// <summary>Drafting and publishing through the HTTP API, on real PostgreSQL and RabbitMQ.</summary>
public sealed class NewsroomApiTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    private readonly HttpClient _http = articles.Client;

    private static object Draft(string headline) => new
    {
        headline,
        summary = "What happened, in one line.",
        body = "<p>First paragraph.</p><p>Second &amp; last paragraph.</p>",
        section = "national",
        subsection = "politics",
        byline = "Lee Hae-in",
        tags = new[] { "assembly", "budget" },
    };

    private async Task<(Guid Id, EntityTagHeaderValue ETag)> DraftAsync(string headline)
    {
        var response = await _http.PostAsJsonAsync("/api/newsroom/articles", Draft(headline));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), response.Headers.ETag!);
    }

    private Task<HttpResponseMessage> PublishAsync(Guid id, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _http.SendAsync(request);
    }

    [Fact]
    public async Task A_draft_is_stored_as_version_1_and_can_be_read_back_with_its_etag()
    {
        var (id, etag) = await DraftAsync("Assembly passes the 2027 budget");
        Assert.Equal("\"1\"", etag.Tag);

        var response = await _http.GetAsync($"/api/newsroom/articles/{id}");
        var article = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("draft", article.GetProperty("status").GetString());
        Assert.Equal("Assembly passes the 2027 budget", article.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Publishing_gives_a_slug_and_the_event_reaches_the_bus_with_id_and_version()
    {
        var (id, etag) = await DraftAsync("Defense ministry unveils drone plan");

        var response = await PublishAsync(id, etag.Tag);
        var article = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        Assert.Equal("published", article.GetProperty("status").GetString());
        Assert.Equal("defense-ministry-unveils-drone-plan", article.GetProperty("slug").GetString());

        var delivered = await Eventually.Until(
            () => Task.FromResult(articles.Bus.Received<Bus.ArticlePublished>().Where(m => m.Message.ArticleId == id).ToList()),
            found => found.Count > 0, TimeSpan.FromSeconds(15), "ArticlePublished on the bus");
        var message = delivered[0].Message;
        Assert.Equal(2, message.Version);
        Assert.Equal("defense-ministry-unveils-drone-plan", message.Content.Slug);
        Assert.Equal("First paragraph. Second & last paragraph.", message.Content.BodyText);
        Assert.Equal(["assembly", "budget"], message.Content.Tags);
    }

    [Fact]
    public async Task Two_articles_with_the_same_headline_get_distinct_slugs()
    {
        var first = await DraftAsync("Typhoon nears Jeju");
        var second = await DraftAsync("Typhoon nears Jeju");

        var a = await (await PublishAsync(first.Id, first.ETag.Tag)).Content.ReadFromJsonAsync<JsonElement>();
        var b = await (await PublishAsync(second.Id, second.ETag.Tag)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("typhoon-nears-jeju", a.GetProperty("slug").GetString());
        Assert.Equal("typhoon-nears-jeju-2", b.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task A_write_without_if_match_gets_428_and_a_stale_one_412()
    {
        var (id, _) = await DraftAsync("Markets close higher");

        var missing = await PublishAsync(id, null);
        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);

        var stale = await PublishAsync(id, "\"7\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("stale-version", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Two_editors_publishing_the_same_version_at_once_exactly_one_wins()
    {
        var (id, etag) = await DraftAsync("Two editors, one story");

        var results = await Task.WhenAll(PublishAsync(id, etag.Tag), PublishAsync(id, etag.Tag));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(results, r => r.StatusCode is HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Publishing_twice_is_a_conflict()
    {
        var (id, etag) = await DraftAsync("Central bank holds rates");
        var first = await PublishAsync(id, etag.Tag);

        var again = await PublishAsync(id, first.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("already-published", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task An_invalid_draft_gets_400_with_the_failing_fields()
    {
        var response = await _http.PostAsJsonAsync("/api/newsroom/articles",
            new { headline = " ", body = "", section = "gossip" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("headline", out _));
        Assert.True(errors.TryGetProperty("body", out _));
        Assert.True(errors.TryGetProperty("section", out _));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public async Task Malformed_json_gets_a_400_problem(string json)
    {
        var response = await _http.PostAsync("/api/newsroom/articles",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_unknown_article_is_404_for_reads_and_writes()
    {
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/newsroom/articles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PublishAsync(id, "\"1\"")).StatusCode);
    }

    [Fact]
    public async Task The_service_reports_ready_when_its_database_and_broker_answer()
    {
        // Readiness follows the bus connecting after start-up, as an orchestrator's probe would see it.
        var response = await Eventually.Until(() => _http.GetAsync("/health"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "service ready");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.True(report.GetProperty("checks").TryGetProperty("postgresql", out _));
    }
}
