using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Search.Indexing;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Search.Tests;

/// <summary>
/// What a reader gets back from <c>GET /api/search</c> and <c>/suggest</c>: ranking, filters, order,
/// paging, snippets, facets and suggestions. Articles arrive over the bus as the Articles service
/// sends them. Each test invents its own word, so tests sharing a service do not see each other's articles.
/// Run once per engine: both must answer alike.
/// </summary>
public abstract class SearchQueryTests(SearchServiceFixtureBase search, SearchEngine engine)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A made-up word only one test uses (letters only, so it stays one search term).</summary>
    private static string Word() => new(Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)).Take(9).ToArray());

    private static ArticlePublished Article(string headline, string body, string section = "national", string? subsection = "society",
        DateTimeOffset? publishedAt = null, bool premium = false, string summary = "A short summary.", string[]? tags = null) =>
        new(Guid.NewGuid(), 2,
            new ArticleContent($"story-{Guid.NewGuid():N}", headline, summary, body, section, subsection, tags ?? ["news"],
                "Staff Reporter", null, premium),
            publishedAt ?? Day, null);

    private async Task PublishAllAsync(string word, params ArticlePublished[] articles)
    {
        foreach (var article in articles) await search.Bus.PublishAsync(article);
        await Eventually.Until(() => SearchAsync($"q={word}"), r => r.GetProperty("total").GetInt64() == articles.Length,
            TimeSpan.FromSeconds(15), $"{articles.Length} articles with '{word}' indexed");
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await search.Client.GetAsync($"/api/search?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<Guid> Ids(JsonElement results) =>
        results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public void The_service_searches_with_the_engine_it_was_configured_for() =>
        Assert.Equal(engine, search.Services.GetRequiredService<NewsPlatform.Search.Querying.ISearchQueries>().Engine);

    [Fact]
    public async Task A_headline_match_ranks_above_a_body_only_match_and_newer_breaks_ties()
    {
        var word = Word();
        var inBody = Article("Council meets on budget", $"The {word} {word} {word} plan was discussed at length.", publishedAt: Day.AddDays(2));
        var olderHeadline = Article($"The {word} plan explained", "Background and context.", publishedAt: Day);
        var newerHeadline = Article($"The {word} plan revisited", "Background and context.", publishedAt: Day.AddDays(1));
        await PublishAllAsync(word, inBody, olderHeadline, newerHeadline);

        var results = await SearchAsync($"q={word}");

        Assert.Equal([newerHeadline.ArticleId, olderHeadline.ArticleId, inBody.ArticleId], Ids(results));
        var scores = results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.True(scores[1] > scores[2], "a headline match scores higher than a body-only match");
    }

    [Fact]
    public async Task Newest_first_orders_by_publication_time_whatever_the_relevance()
    {
        var word = Word();
        var oldHeadline = Article($"{word} in the headline", "Body.", publishedAt: Day.AddDays(-3));
        var newBody = Article("Something else", $"Mentions {word} once.", publishedAt: Day.AddDays(3));
        var middle = Article("Another story", $"Also {word}.", publishedAt: Day);
        await PublishAllAsync(word, oldHeadline, newBody, middle);

        var results = await SearchAsync($"q={word}&sort=newest");

        Assert.Equal([newBody.ArticleId, middle.ArticleId, oldHeadline.ArticleId], Ids(results));
    }

    [Fact]
    public async Task Newest_first_is_right_for_a_word_in_many_articles_too()
    {
        // Enough matches that the service walks the time index instead of sorting all matches.
        var word = Word();
        var articles = Enumerable.Range(0, 60)
            .Select(i => Article($"{word} bulletin {i}", "Body.", section: i % 2 == 0 ? "national" : "sports", subsection: null,
                publishedAt: Day.AddMinutes(i * 7 % 60 * 13 + i)))
            .ToArray();
        await PublishAllAsync(word, articles);
        var newestFirst = articles.OrderByDescending(a => a.PublishedAt).Select(a => a.ArticleId).ToList();

        Assert.Equal(newestFirst.Take(20), Ids(await SearchAsync($"q={word}&sort=newest")));
        Assert.Equal(newestFirst.Skip(20).Take(20), Ids(await SearchAsync($"q={word}&sort=newest&page=2")));
        var sports = await SearchAsync($"q={word}&sort=newest&section=sports&pageSize=50");
        Assert.Equal(articles.Where(a => a.Content.Section == "sports").OrderByDescending(a => a.PublishedAt).Select(a => a.ArticleId),
            Ids(sports));
    }

    [Fact]
    public async Task Section_and_subsection_filters_narrow_the_results_and_facets_count_every_section()
    {
        var word = Word();
        var society = Article($"{word} society", "Body.", "national", "society");
        var politics = Article($"{word} politics", "Body.", "national", "politics");
        var markets = Article($"{word} markets", "Body.", "finance", "markets");
        var sports = Article($"{word} sports", "Body.", "sports", null);
        await PublishAllAsync(word, society, politics, markets, sports);

        var national = await SearchAsync($"q={word}&section=national");
        Assert.Equal(2, national.GetProperty("total").GetInt64());
        Assert.Equal(new[] { politics.ArticleId, society.ArticleId }.Order(), Ids(national).Order());

        var onlySociety = await SearchAsync($"q={word}&section=national&subsection=society");
        Assert.Equal([society.ArticleId], Ids(onlySociety));
        Assert.Equal(1, onlySociety.GetProperty("total").GetInt64());

        // Facets ignore the section filter: a reader can see where else the word appears.
        var facets = national.GetProperty("facets").EnumerateArray()
            .ToDictionary(f => f.GetProperty("section").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["national"] = 2, ["finance"] = 1, ["sports"] = 1 }, facets);
    }

    [Fact]
    public async Task A_date_range_includes_both_edge_days_and_nothing_outside_them()
    {
        var word = Word();
        var before = Article($"{word} before", "Body.", publishedAt: new DateTimeOffset(2026, 11, 9, 23, 59, 59, TimeSpan.Zero));
        var firstDay = Article($"{word} first day", "Body.", publishedAt: new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero));
        var lastDay = Article($"{word} last day", "Body.", publishedAt: new DateTimeOffset(2026, 11, 12, 23, 59, 59, TimeSpan.Zero));
        var after = Article($"{word} after", "Body.", publishedAt: new DateTimeOffset(2026, 11, 13, 0, 0, 0, TimeSpan.Zero));
        await PublishAllAsync(word, before, firstDay, lastDay, after);

        var results = await SearchAsync($"q={word}&from=2026-11-10&to=2026-11-12&sort=newest");
        Assert.Equal([lastDay.ArticleId, firstDay.ArticleId], Ids(results));

        var fromOnly = await SearchAsync($"q={word}&from=2026-11-13");
        Assert.Equal([after.ArticleId], Ids(fromOnly));

        var exact = await SearchAsync($"q={word}&from={Uri.EscapeDataString("2026-11-10T00:00:00Z")}&to={Uri.EscapeDataString("2026-11-10T00:00:00Z")}");
        Assert.Equal([firstDay.ArticleId], Ids(exact));
    }

    [Fact]
    public async Task Pages_split_the_results_and_every_page_reports_the_same_total()
    {
        var word = Word();
        var articles = Enumerable.Range(0, 5).Select(i => Article($"{word} number {i}", "Body.", publishedAt: Day.AddHours(i))).ToArray();
        await PublishAllAsync(word, articles);

        var pages = new List<JsonElement>();
        for (var page = 1; page <= 3; page++) pages.Add(await SearchAsync($"q={word}&sort=newest&page={page}&pageSize=2"));

        Assert.All(pages, p => Assert.Equal(5, p.GetProperty("total").GetInt64()));
        Assert.Equal([2, 2, 1], pages.Select(p => p.GetProperty("items").GetArrayLength()));
        Assert.Equal(articles.Reverse().Select(a => a.ArticleId), pages.SelectMany(Ids));
        Assert.Equal(2, pages[1].GetProperty("page").GetInt32());
        Assert.Equal(2, pages[1].GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task Snippets_mark_the_matched_words_and_escape_everything_else()
    {
        var word = Word();
        var article = Article("Site defaced", $"Attackers left <script>alert('x')</script> & a note about {word} on the page.", summary: "");
        await PublishAllAsync(word, article);

        var snippet = (await SearchAsync($"q={word}")).GetProperty("items")[0].GetProperty("snippet").GetString()!;

        Assert.Contains($"<mark>{word}</mark>", snippet);
        Assert.Contains("&lt;script&gt;", snippet);
        Assert.DoesNotContain("<script", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.Equal(1, snippet.Split("<mark>").Length - 1);
    }

    [Fact]
    public async Task A_premium_articles_snippet_comes_from_its_headline_and_summary_only()
    {
        var word = Word();
        var secret = Word();
        var premium = Article("Inside the merger talks", $"The {word} deal hinges on {secret}, sources said.",
            premium: true, summary: $"What the {word} deal means for savers.");
        await PublishAllAsync(word, premium);

        var hit = (await SearchAsync($"q={secret}")).GetProperty("items")[0];
        Assert.True(hit.GetProperty("isPremium").GetBoolean());
        var snippet = hit.GetProperty("snippet").GetString()!;
        Assert.DoesNotContain(secret, snippet);
        Assert.DoesNotContain("sources said", snippet);
        Assert.Contains("merger", snippet);
        Assert.Contains($"<mark>{word}</mark>", (await SearchAsync($"q={word}")).GetProperty("items")[0].GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task Phrases_exclusions_and_or_follow_web_search_syntax()
    {
        var word = Word();
        var redFerry = Article($"{word} red ferry sails", "Body.");
        var ferryRed = Article($"{word} ferry painted red", "Body.");
        var blueBus = Article($"{word} blue bus", "Body.");
        await PublishAllAsync(word, redFerry, ferryRed, blueBus);

        Assert.Equal([redFerry.ArticleId], Ids(await SearchAsync($"q={Uri.EscapeDataString($"{word} \"red ferry\"")}")));
        Assert.Equal(new[] { redFerry.ArticleId, ferryRed.ArticleId }.Order(),
            Ids(await SearchAsync($"q={Uri.EscapeDataString($"{word} ferry")}")).Order());
        Assert.Equal([blueBus.ArticleId], Ids(await SearchAsync($"q={Uri.EscapeDataString($"{word} -ferry")}")));
        Assert.Equal(new[] { redFerry.ArticleId, blueBus.ArticleId }.Order(),
            Ids(await SearchAsync($"q={Uri.EscapeDataString($"{word} sails OR bus")}")).Order());
    }

    [Fact]
    public async Task English_stemming_finds_other_forms_of_a_word()
    {
        var word = Word();
        var article = Article($"{word}: rivers flooding villages", "Body.");
        await PublishAllAsync(word, article);

        Assert.Equal([article.ArticleId], Ids(await SearchAsync($"q={word}+river+flooded+village")));
    }

    [Fact]
    public async Task A_query_that_finds_nothing_offers_a_spelling_that_does()
    {
        var word = Word();
        await PublishAllAsync(word, Article($"{word} harbour renovation approved", "Body."));

        var results = await SearchAsync("q=harbour+renovaton");

        Assert.Equal(0, results.GetProperty("total").GetInt64());
        Assert.Equal("harbour renovation", results.GetProperty("didYouMean").GetString());
        Assert.Equal(JsonValueKind.Null, (await SearchAsync($"q={word}")).GetProperty("didYouMean").ValueKind);
    }

    [Fact]
    public async Task Suggestions_complete_the_last_word_forgive_typos_and_drop_unpublished_articles()
    {
        var word = Word();
        var older = Article($"{word} lighthouse keepers remembered", "Body.", publishedAt: Day);
        var newer = Article($"{word} lighthouse reopens to visitors", "Body.", publishedAt: Day.AddDays(1));
        await PublishAllAsync(word, older, newer);

        async Task<List<Guid>> SuggestAsync(string typed)
        {
            var response = await search.Client.GetAsync($"/api/search/suggest?q={Uri.EscapeDataString(typed)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        }

        Assert.Equal([newer.ArticleId, older.ArticleId], await SuggestAsync($"{word} lightho"));
        Assert.Equal([newer.ArticleId], await SuggestAsync($"{word} lighthouse reop"));
        Assert.Equal([newer.ArticleId, older.ArticleId], await SuggestAsync($"{word} ligthouse"));

        await search.Bus.PublishAsync(new ArticleUnpublished(newer.ArticleId, 3, newer.Content.Slug, Day.AddDays(2)));
        await Eventually.Until(() => SuggestAsync($"{word} lightho"), s => s.SequenceEqual([older.ArticleId]),
            TimeSpan.FromSeconds(15), "the unpublished headline gone from suggestions");
    }

    [Theory]
    [InlineData("/api/search/suggest")]
    [InlineData("/api/search/suggest?q=%20")]
    public async Task Suggestions_need_something_typed(string url)
    {
        var response = await search.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "\"", "\"\"", "\"unterminated phrase", "-", "--", "- -", "-ferry", "OR", "OR OR", "ferry OR", "OR ferry",
        "!", "!!ferry", "&", "|", "a & b | !c <-> (d", "ferry:*", "fer:*A", "'", "''", "\\", "\\\\'", "(", ")))",
        "'; drop table search_article; --", "1; select pg_sleep(5)", "%", "_", "%_%", "*", "?", "ferry?", "$1", "$$",
        "<script>alert(1)</script>", "&lt;b&gt;", "서울 날씨", "東京", "مرحبا", "Ünïcödé ñ", "e\u0301", "🙂🚢", "\u200b",
        "a\u0000b", "\u0001\u0002\u0003", "the", "the and of", "a", "0", "-1", "1e309", "NaN", "null", "undefined",
        "{\"q\":1}", "[]", "ferry \"red", new string('a', 500), string.Join(' ', Enumerable.Repeat("ferry", 100)),
        string.Join(" OR ", Enumerable.Repeat("x", 120)), string.Concat(Enumerable.Repeat("\"", 250)),
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Hostile_queries_answer_200_or_400_never_a_server_error(string q)
    {
        foreach (var url in new[]
                 {
                     $"/api/search?q={Uri.EscapeDataString(q)}",
                     $"/api/search?q={Uri.EscapeDataString(q)}&sort=newest&section=national&from=2020-01-01",
                     $"/api/search/suggest?q={Uri.EscapeDataString(q[..Math.Min(q.Length, 100)])}",
                 })
        {
            var response = await search.Client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
                $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("to=9999-12-31T23:59:59.9999999Z")]
    [InlineData("from=0001-01-01&to=9999-12-31")]
    [InlineData("from=0001-01-01T00:00:00Z")]
    [InlineData("to=0001-01-01")]
    [InlineData("from=9999-12-31")]
    public async Task Dates_at_the_ends_of_the_calendar_are_answered_never_an_overflow(string range)
    {
        var word = Word();
        await PublishAllAsync(word, Article($"{word} calendar edges", "Body."));
        var response = await search.Client.GetAsync($"/api/search?q={word}&{range}");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
            $"{range} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (range.StartsWith("to=9999") || range.StartsWith("from=0001"))
            Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64()); // the end of time includes today
    }

    [Theory]
    [InlineData("q=ferry&from=2026-11-12&to=2026-11-10", "from")]
    [InlineData("q=ferry&from=yesterday", "from")]
    [InlineData("q=ferry&to=2026-13-01", "to")]
    [InlineData("q=ferry&section=weather", "section")]
    [InlineData("q=ferry&section=sports&subsection=k-pop", "subsection")]
    [InlineData("q=ferry&subsection=nowhere", "subsection")]
    [InlineData("q=ferry&sort=popular", "sort")]
    [InlineData("q=ferry&sort=1", "sort")]
    [InlineData("q=ferry&pageSize=51", "pageSize")]
    [InlineData("q=ferry&pageSize=0", "pageSize")]
    [InlineData("q=ferry&page=0", "page")]
    [InlineData("q=ferry&page=100&pageSize=50", "page")]
    public async Task Bad_parameters_get_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        var response = await search.Client.GetAsync($"/api/search?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task A_rebuild_on_this_engine_reads_every_stored_event_in_both_passes_and_finds_the_same()
    {
        var word = Word();
        await PublishAllAsync(word, Article($"{word} rebuilt", "Body."), Article("Another rebuilt story", $"Mentions {word}."));

        var status = await search.Services.GetRequiredService<IndexRebuild>().RunToEndAsync();

        Assert.Equal("completed", status.Phase);
        Assert.True(status.Events >= 2, $"{status.Events} stored events");
        Assert.Equal((2 * status.Events, 2 * status.Events, 100.0), (status.Processed, status.Total, status.Percent));
        await Eventually.Until(() => SearchAsync($"q={word}"), r => r.GetProperty("total").GetInt64() == 2,
            TimeSpan.FromSeconds(15), $"'{word}' found again after the rebuild");
    }

    [Fact]
    public async Task A_query_over_500_characters_is_refused()
    {
        var response = await search.Client.GetAsync($"/api/search?q={new string('a', 501)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class LuceneSearchQueryTests(SearchServiceFixture search)
    : SearchQueryTests(search, SearchEngine.Lucene), IClassFixture<SearchServiceFixture>;

public sealed class RumSearchQueryTests(RumSearchServiceFixture search)
    : SearchQueryTests(search, SearchEngine.Rum), IClassFixture<RumSearchServiceFixture>;

public sealed class GinSearchQueryTests(GinSearchServiceFixture search)
    : SearchQueryTests(search, SearchEngine.Gin), IClassFixture<GinSearchServiceFixture>;
