using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.Articles.Reading;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Articles.Tests.Reading;

/// <summary>The public reading side: fronts, pages, related, most read, feeds, sitemap.</summary>
public sealed class ReadingTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    private readonly NewsroomDesk _newsroom = new(articles.Client);
    private readonly HttpClient _reader = articles.Anonymous;

    private async Task<JsonElement> LiveAsync(object copy)
    {
        var published = await _newsroom.DraftAndPublishAsync(copy);
        await Eventually.Until(() => _reader.GetAsync($"/api/articles/{NewsroomDesk.Slug(published)}"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "the public page");
        return published;
    }

    [Fact]
    public async Task A_section_front_lists_published_articles_newest_first_and_no_drafts()
    {
        var older = await LiveAsync(NewsroomDesk.Copy("Older sports story", section: "sports", subsection: null));
        var newer = await LiveAsync(NewsroomDesk.Copy("Newer sports story", section: "sports", subsection: null));
        var draft = await _newsroom.DraftAsync(NewsroomDesk.Copy("Unpublished sports draft", section: "sports", subsection: null));

        var front = await _reader.GetFromJsonAsync<JsonElement>("/api/articles?section=sports&pageSize=50");
        var ids = front.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        Assert.True(ids.IndexOf(NewsroomDesk.Id(newer)) < ids.IndexOf(NewsroomDesk.Id(older)));
        Assert.DoesNotContain(NewsroomDesk.Id(draft), ids);
        Assert.Equal(ids.Count, front.GetProperty("total").GetInt64());
        Assert.Equal(50, front.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task A_subsection_front_shows_only_that_subsection()
    {
        var kpop = await LiveAsync(NewsroomDesk.Copy("Idol group tours Europe", section: "entertainment-arts", subsection: "k-pop"));
        var films = await LiveAsync(NewsroomDesk.Copy("Director wins festival prize", section: "entertainment-arts", subsection: "films"));

        var front = await _reader.GetFromJsonAsync<JsonElement>("/api/articles?section=entertainment-arts&subsection=k-pop");
        var ids = front.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        Assert.Contains(NewsroomDesk.Id(kpop), ids);
        Assert.DoesNotContain(NewsroomDesk.Id(films), ids);
    }

    [Fact]
    public async Task An_article_page_shows_sections_names_and_times_in_the_publication_time_zone()
    {
        var published = await LiveAsync(NewsroomDesk.Copy("Assembly opens winter session"));

        var page = await _reader.GetFromJsonAsync<JsonElement>($"/api/articles/{NewsroomDesk.Slug(published)}");

        Assert.Equal("National", page.GetProperty("sectionName").GetString());
        Assert.Equal("Politics", page.GetProperty("subsectionName").GetString());
        Assert.False(page.GetProperty("locked").GetBoolean());
        Assert.Equal("Asia/Seoul", page.GetProperty("timeZone").GetString());
        var utc = page.GetProperty("publishedAt").GetDateTimeOffset();
        var local = page.GetProperty("postedLocal").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(9), local.Offset);
        Assert.Equal(utc, local);
    }

    [Fact]
    public async Task Unknown_and_malformed_slugs_get_problems()
    {
        var unknown = await _reader.GetAsync("/api/articles/no-such-article-anywhere");
        var malformed = await _reader.GetAsync("/api/articles/NOT--A_SLUG");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Related_articles_come_from_the_same_section_with_shared_tags_first()
    {
        var tag = $"tag{Guid.NewGuid():N}"[..12];
        var subject = await LiveAsync(NewsroomDesk.Copy("Battery maker expands plant", section: "business", subsection: "companies", tags: [tag, "batteries"]));
        var sharesTag = await LiveAsync(NewsroomDesk.Copy("Battery maker hires engineers", section: "business", subsection: "tech", tags: [tag]));
        var newerNoTag = await LiveAsync(NewsroomDesk.Copy("Shipbuilder wins order", section: "business", subsection: "companies", tags: ["ships"]));
        var otherSection = await LiveAsync(NewsroomDesk.Copy("Battery recycling column", section: "opinion", subsection: "columns", tags: [tag]));

        var related = (await _reader.GetFromJsonAsync<JsonElement>($"/api/articles/{NewsroomDesk.Slug(subject)}/related"))
            .EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        Assert.Equal(NewsroomDesk.Id(sharesTag), related[0]);
        Assert.Contains(NewsroomDesk.Id(newerNoTag), related);
        Assert.DoesNotContain(NewsroomDesk.Id(otherSection), related);
        Assert.DoesNotContain(NewsroomDesk.Id(subject), related);
    }

    [Fact]
    public async Task Most_read_ranks_by_views_counted_outside_the_event_stream()
    {
        var popular = await LiveAsync(NewsroomDesk.Copy("Most read candidate A", section: "world", subsection: "asia"));
        var quieter = await LiveAsync(NewsroomDesk.Copy("Most read candidate B", section: "world", subsection: "asia"));
        for (var i = 0; i < 5; i++) await _reader.GetAsync($"/api/articles/{NewsroomDesk.Slug(popular)}");
        await _reader.GetAsync($"/api/articles/{NewsroomDesk.Slug(quieter)}");
        await articles.Service.Services.GetRequiredService<ArticleViewsFlusher>().FlushAsync(CancellationToken.None);

        var mostRead = (await _reader.GetFromJsonAsync<JsonElement>("/api/articles/most-read?section=world&window=24h"))
            .EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        Assert.True(mostRead.IndexOf(NewsroomDesk.Id(popular)) < mostRead.IndexOf(NewsroomDesk.Id(quieter)));
        Assert.True(mostRead.IndexOf(NewsroomDesk.Id(quieter)) >= 0);
        // Reading does not write into the article's stream.
        var article = await articles.Client.GetFromJsonAsync<JsonElement>($"/api/newsroom/articles/{NewsroomDesk.Id(popular)}");
        Assert.Equal(2, NewsroomDesk.Version(article));
    }

    [Fact]
    public async Task A_head_request_is_answered_like_a_get_and_is_not_counted_as_a_read()
    {
        var read = await LiveAsync(NewsroomDesk.Copy("Gallery opening draws crowds", section: "video", subsection: "culture"));
        var onlyChecked = await LiveAsync(NewsroomDesk.Copy("Museum night returns", section: "video", subsection: "culture"));
        // Each was read once on its way live; one is read twice more, the other only asked HEAD of.
        for (var i = 0; i < 2; i++) await _reader.GetAsync($"/api/articles/{NewsroomDesk.Slug(read)}");
        foreach (var url in new[] { $"/api/articles/{NewsroomDesk.Slug(onlyChecked)}", "/rss/video", "/sitemap.xml", "/sitemap-articles-1.xml" })
        {
            for (var i = 0; i < 5; i++)
            {
                var head = await _reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
                Assert.Equal(HttpStatusCode.OK, head.StatusCode);
                Assert.NotNull(head.Content.Headers.ContentType);
            }
        }
        await articles.Service.Services.GetRequiredService<ArticleViewsFlusher>().FlushAsync(CancellationToken.None);

        var mostRead = (await _reader.GetFromJsonAsync<JsonElement>("/api/articles/most-read?section=video&window=24h"))
            .EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        // Counted as reads, the five HEADs would have put it first.
        Assert.True(mostRead.IndexOf(NewsroomDesk.Id(read)) < mostRead.IndexOf(NewsroomDesk.Id(onlyChecked)));
        Assert.True(mostRead.IndexOf(NewsroomDesk.Id(read)) >= 0);
    }

    [Fact]
    public async Task Rss_feeds_are_valid_rss_2_0_with_the_newest_articles()
    {
        var published = await LiveAsync(NewsroomDesk.Copy("Feed reader story", section: "lifestyle", subsection: "books"));

        foreach (var url in new[] { "/rss", "/rss/lifestyle" })
        {
            var response = await _reader.GetAsync(url);
            Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
            var xml = await response.Content.ReadAsStringAsync();
            Assert.Equal("2.0", XDocument.Parse(xml).Root!.Attribute("version")!.Value);
            using var reader = XmlReader.Create(new StringReader(xml));
            var feed = SyndicationFeed.Load(reader);
            Assert.Contains(feed.Items, item => item.Title.Text == "Feed reader story");
        }

        var sports = await _reader.GetStringAsync("/rss/sports");
        Assert.DoesNotContain("Feed reader story", sports);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/rss/no-such-section")).StatusCode);
        Assert.Contains(NewsroomDesk.Slug(published), await _reader.GetStringAsync("/rss"));
    }

    [Fact]
    public async Task The_sitemap_is_an_index_of_pages_of_published_articles_a_news_sitemap_and_the_sections()
    {
        var published = await LiveAsync(NewsroomDesk.Copy("Sitemap story", section: "finance", subsection: "markets"));
        var draft = await _newsroom.DraftAsync(NewsroomDesk.Copy("Sitemap draft", section: "finance", subsection: "markets"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        XNamespace news = "http://www.google.com/schemas/sitemap-news/0.9";

        var index = XDocument.Parse(await _reader.GetStringAsync("/sitemap.xml"));
        Assert.Equal(ns + "sitemapindex", index.Root!.Name);
        var parts = index.Root.Elements(ns + "sitemap").Select(s => new Uri(s.Element(ns + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal(["/sitemap-sections.xml", "/sitemap-news.xml", "/sitemap-articles-1.xml"], parts);

        var page = XDocument.Parse(await _reader.GetStringAsync("/sitemap-articles-1.xml"));
        var locations = page.Root!.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value).ToList();
        Assert.Contains(locations, l => l.EndsWith("/articles/" + NewsroomDesk.Slug(published)));
        Assert.DoesNotContain(locations, l => l.Contains("sitemap-draft"));
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("slug").ValueKind);
        Assert.All(page.Root.Elements(ns + "url"), u => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", u.Element(ns + "lastmod")!.Value));
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/sitemap-articles-2.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/sitemap-articles-0.xml")).StatusCode);

        // The news sitemap: the last 48 hours, with each article's headline and publication.
        var recent = XDocument.Parse(await _reader.GetStringAsync("/sitemap-news.xml"));
        var story = Assert.Single(recent.Root!.Elements(ns + "url"), u => u.Element(ns + "loc")!.Value.EndsWith("/articles/" + NewsroomDesk.Slug(published)));
        Assert.Equal("Sitemap story", story.Element(news + "news")!.Element(news + "title")!.Value);
        Assert.Equal("en", story.Element(news + "news")!.Element(news + "publication")!.Element(news + "language")!.Value);

        var sections = XDocument.Parse(await _reader.GetStringAsync("/sitemap-sections.xml"));
        Assert.Contains(sections.Root!.Elements(ns + "url"), u => u.Element(ns + "loc")!.Value.EndsWith("/entertainment-arts/k-pop"));
        Assert.Contains(sections.Root!.Elements(ns + "url"), u => u.Element(ns + "loc")!.Value.EndsWith("/corrections"));
    }
}
