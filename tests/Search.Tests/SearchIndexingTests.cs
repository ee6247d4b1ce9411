using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.Contracts.Articles;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Search.Indexing;
using NewsPlatform.TestSupport;
using Npgsql;

namespace NewsPlatform.Search.Tests;

/// <summary>Article events arrive over RabbitMQ, as the Articles service sends them.</summary>
public sealed class SearchIndexingTests(SearchServiceFixture search) : IClassFixture<SearchServiceFixture>
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 29, 0, 30, 0, TimeSpan.Zero);

    private static ArticlePublished Published(Guid id, long version, string headline, string body = "Body text.") =>
        new(id, version,
            new ArticleContent($"slug-{id:N}", headline, "Summary", body, "national", "society", ["tag"], "Reporter", null, false),
            Morning, null);

    private async Task<JsonElement> SearchAsync(string q)
    {
        var response = await search.Client.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<JsonElement> EventuallyFoundAsync(string q, Func<JsonElement, bool> done) =>
        Eventually.Until(() => SearchAsync(q), done, TimeSpan.FromSeconds(15), $"search for '{q}'");

    [Fact]
    public async Task A_published_article_becomes_findable_by_a_word_of_its_body()
    {
        var id = Guid.NewGuid();
        await search.Bus.PublishAsync(Published(id, 2, "Harvest festival in Andong", "Mask dancers filled the hahoe village square."));

        var results = await EventuallyFoundAsync("dancers", r => r.GetProperty("total").GetInt64() > 0);

        var hit = Assert.Single(results.GetProperty("items").EnumerateArray());
        Assert.Equal(id, hit.GetProperty("id").GetGuid());
        Assert.Equal("Harvest festival in Andong", hit.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task An_article_without_summary_or_byline_is_still_findable_by_its_headline()
    {
        var id = Guid.NewGuid();
        var bare = Published(id, 2, "Lantern parade lights Cheonggyecheon");
        await search.Bus.PublishAsync(bare with { Content = bare.Content with { Summary = null, Byline = null } });

        var results = await EventuallyFoundAsync("lantern", r => r.GetProperty("total").GetInt64() > 0);

        Assert.Equal(id, Assert.Single(results.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_duplicate_or_older_copy_changes_nothing()
    {
        var id = Guid.NewGuid();
        await search.Bus.PublishAsync(Published(id, 3, "Ferry service resumes to Ulleungdo"));
        await EventuallyFoundAsync("Ulleungdo", r => r.GetProperty("total").GetInt64() == 1);

        // The same version again, then an older version with other words.
        await search.Bus.PublishAsync(Published(id, 3, "Ferry service resumes to Ulleungdo"));
        await search.Bus.PublishAsync(Published(id, 2, "Ferry cancelled to Dokdo"));
        // A marker article sent after them: once it is indexed, the copies before it were handled.
        var marker = Guid.NewGuid();
        await search.Bus.PublishAsync(Published(marker, 2, "Marker for duplicate test zeppelin"));
        await EventuallyFoundAsync("zeppelin", r => r.GetProperty("total").GetInt64() == 1);

        var results = await SearchAsync("Ulleungdo");
        Assert.Equal(1, results.GetProperty("total").GetInt64());
        Assert.Equal(0, (await SearchAsync("Dokdo")).GetProperty("total").GetInt64());
    }

    private static ArticleUpdated Updated(Guid id, long version, string headline, string body = "Body text.") =>
        new(id, version,
            new ArticleContent($"slug-{id:N}", headline, "Summary", body, "national", "society", ["tag"], "Reporter", null, false),
            Morning, Morning.AddHours(1));

    [Fact]
    public async Task A_correction_re_indexes_the_new_text_and_unpublishing_removes_it()
    {
        var id = Guid.NewGuid();
        await search.Bus.PublishAsync(Published(id, 2, "Typhoon Kongrey nears Busan"));
        await EventuallyFoundAsync("Kongrey", r => r.GetProperty("total").GetInt64() == 1);

        await search.Bus.PublishAsync(Updated(id, 3, "Typhoon Yagi nears Busan"));
        await EventuallyFoundAsync("Yagi", r => r.GetProperty("total").GetInt64() == 1);
        Assert.Equal(0, (await SearchAsync("Kongrey")).GetProperty("total").GetInt64());

        await search.Bus.PublishAsync(new ArticleUnpublished(id, 4, $"slug-{id:N}", Morning.AddHours(2)));
        await EventuallyFoundAsync("Yagi", r => r.GetProperty("total").GetInt64() == 0);
    }

    [Fact]
    public async Task A_late_older_copy_arriving_after_a_newer_one_leaves_the_newest_state()
    {
        var id = Guid.NewGuid();
        // v3 (a correction) arrives before v2 (the publication it corrects), then v2 late.
        await search.Bus.PublishAsync(Updated(id, 3, "Orchestra tour extended to Daejeon"));
        await EventuallyFoundAsync("Daejeon", r => r.GetProperty("total").GetInt64() == 1);
        await search.Bus.PublishAsync(Published(id, 2, "Orchestra tour announced for Gwangju"));
        var marker = Guid.NewGuid();
        await search.Bus.PublishAsync(Published(marker, 2, "Marker for ordering test quokka"));
        await EventuallyFoundAsync("quokka", r => r.GetProperty("total").GetInt64() == 1);

        Assert.Equal(1, (await SearchAsync("Daejeon")).GetProperty("total").GetInt64());
        Assert.Equal(0, (await SearchAsync("Gwangju")).GetProperty("total").GetInt64());

        // Only the copies that changed something were kept in this service's stream for the article.
        await using var session = search.Store.QuerySession();
        var stored = await session.Events.FetchStreamAsync(id);
        Assert.Single(stored);
    }

    [Fact]
    public async Task The_index_rebuilt_from_the_stored_events_answers_the_same()
    {
        var id = Guid.NewGuid();
        await search.Bus.PublishAsync(Published(id, 2, "Rebuild check: ferry timetable"));
        await search.Bus.PublishAsync(Updated(id, 3, "Rebuild check: ferry timetable revised"));
        await EventuallyFoundAsync("revised", r => r.GetProperty("total").GetInt64() == 1);
        var before = WithoutScores(await SearchAsync("rebuild check"));

        var status = await search.Services.GetRequiredService<IndexRebuild>().RunToEndAsync();
        Assert.Equal(RebuildStatus.Completed, status.Phase);

        Assert.Equal(before, WithoutScores(await SearchAsync("rebuild check")));
    }

    /// <summary>
    /// The answer without its scores: BM25 weighs words by collection statistics, which count replaced
    /// versions of articles until the index merges them away, so a freshly rebuilt copy scores a little
    /// differently. Results, order, snippets, totals and facets must be the same.
    /// </summary>
    private static string WithoutScores(JsonElement results)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(results.GetRawText())!;
        foreach (var item in node["items"]!.AsArray()) item!.AsObject().Remove("score");
        return node.ToJsonString();
    }

    [Fact]
    public async Task Only_an_administrator_can_rebuild_the_index_through_the_api()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await search.Client.PostAsync("/api/admin/search/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await search.ClientAs("reader-1").PostAsync("/api/admin/search/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await search.ClientAs("reader-1").GetAsync("/api/admin/search/rebuild")).StatusCode);

        var admin = search.ClientAs("admin-1", "admin");
        var started = await admin.PostAsync("/api/admin/search/rebuild", null);
        Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, started.StatusCode.ToString());

        var status = await Eventually.Until(
            () => admin.GetFromJsonAsync<JsonElement>("/api/admin/search/rebuild"),
            s => s.GetProperty("phase").GetString() is "completed" or "failed", TimeSpan.FromSeconds(60), "the rebuild to end");
        Assert.Equal("completed", status.GetProperty("phase").GetString());
        Assert.Equal(100, status.GetProperty("percent").GetDouble());
        Assert.Equal(status.GetProperty("total").GetInt64(), status.GetProperty("processed").GetInt64());
        Assert.True(status.GetProperty("finishedAt").GetDateTimeOffset() >= status.GetProperty("startedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_rebuild_reports_its_progress_and_starting_another_while_it_runs_is_a_409_problem()
    {
        await search.Bus.PublishAsync(Published(Guid.NewGuid(), 2, "Progress check: night ferry to Jeju"));
        await EventuallyFoundAsync("Jeju", r => r.GetProperty("total").GetInt64() == 1);
        var admin = search.ClientAs("admin-1", "admin");
        await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>("/api/admin/search/rebuild"),
            s => s.GetProperty("phase").GetString() != "running", TimeSpan.FromSeconds(60), "no rebuild running");

        // Holding the index generation's table keeps the rebuild between its passes: the article documents are
        // rebuilt, the new generation (the start of the second pass, refilling the index) waits for the lock.
        var dataSource = search.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        var hold = await connection.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE search_index_origin IN EXCLUSIVE MODE", connection, hold))
            await lockTable.ExecuteNonQueryAsync();

        var started = await admin.PostAsync("/api/admin/search/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("running", (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phase").GetString());

        var again = await admin.PostAsync("/api/admin/search/rebuild", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://newsplatform.dev/problems/rebuild-running", problem.GetProperty("type").GetString());
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("running", problem.GetProperty("rebuild").GetProperty("phase").GetString()); // the one it waits for

        // Half way: every stored event read once (the first of two passes), none yet into the new index generation.
        var halfway = await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>("/api/admin/search/rebuild"),
            s => s.GetProperty("total").GetInt64() > 0 && s.GetProperty("processed").GetInt64() * 2 == s.GetProperty("total").GetInt64(),
            TimeSpan.FromSeconds(30), "the first pass to end");
        Assert.Equal("running", halfway.GetProperty("phase").GetString());
        Assert.Equal(50, halfway.GetProperty("percent").GetDouble());
        Assert.Equal(2 * halfway.GetProperty("events").GetInt64(), halfway.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, halfway.GetProperty("finishedAt").ValueKind);
        Assert.True(halfway.GetProperty("startedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        await hold.RollbackAsync();

        var ended = await Eventually.Until(() => admin.GetFromJsonAsync<JsonElement>("/api/admin/search/rebuild"),
            s => s.GetProperty("phase").GetString() is "completed" or "failed", TimeSpan.FromSeconds(60), "the rebuild to end");
        Assert.Equal("completed", ended.GetProperty("phase").GetString());
        Assert.Equal((halfway.GetProperty("total").GetInt64(), 100.0),
            (ended.GetProperty("processed").GetInt64(), ended.GetProperty("percent").GetDouble()));
        Assert.Equal(halfway.GetProperty("startedAt").GetDateTimeOffset(), ended.GetProperty("startedAt").GetDateTimeOffset());
        Assert.True(ended.GetProperty("finishedAt").GetDateTimeOffset() >= ended.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(1, (await SearchAsync("Jeju")).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("/api/search")]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search?q=%20%20")]
    [InlineData("/api/search?q=seoul&pageSize=51")]
    [InlineData("/api/search?q=seoul&page=0")]
    [InlineData("/api/search?q=seoul&page=abc")]
    public async Task Bad_queries_get_a_400_problem(string url)
    {
        var response = await search.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("\"unterminated phrase")]
    [InlineData("-")]
    [InlineData("OR OR")]
    [InlineData("'; drop table mt_doc_searchablearticle; --")]
    [InlineData("서울 날씨")]
    [InlineData("a & b | !c <-> (d")]
    public async Task Odd_queries_never_fail(string q)
    {
        var response = await search.Client.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
