using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;
using Bus = NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Articles.Tests.Newsroom;

/// <summary>Revise, correct, unpublish, republish, lists and history, over HTTP on the real servers.</summary>
public sealed class NewsroomLifecycleTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    private readonly NewsroomDesk _newsroom = new(articles.Client);

    [Fact]
    public async Task A_revision_based_on_a_stale_version_gets_412_and_one_based_on_the_current_version_wins()
    {
        var draft = await _newsroom.DraftAsync(NewsroomDesk.Copy("Budget talks resume"));
        var first = await _newsroom.ReviseAsync(draft, NewsroomDesk.Copy("Budget talks resume on Monday"));

        // Someone else's edit, based on version 1, after ours made version 2.
        var stale = await _newsroom.SendAsync(HttpMethod.Put, $"/api/newsroom/articles/{NewsroomDesk.Id(draft)}", 1,
            NewsroomDesk.Copy("Budget talks collapse"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2, NewsroomDesk.Version(first));
        Assert.Equal("Budget talks resume on Monday", first.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Saving_a_live_article_is_a_correction_that_sets_updated_at_keeps_the_url_and_reaches_the_bus()
    {
        var published = await _newsroom.DraftAndPublishAsync(NewsroomDesk.Copy("Rail strike ends after two days"));
        var slug = NewsroomDesk.Slug(published);

        var corrected = await _newsroom.ReviseAsync(published,
            NewsroomDesk.Copy("Rail strike ends after three days"));

        Assert.Equal("published", corrected.GetProperty("status").GetString());
        Assert.Equal(slug, NewsroomDesk.Slug(corrected));
        Assert.NotEqual(JsonValueKind.Null, corrected.GetProperty("updatedAt").ValueKind);

        var update = await Eventually.Until(
            () => Task.FromResult(articles.Bus.Received<Bus.ArticleUpdated>().FirstOrDefault(m => m.Message.ArticleId == NewsroomDesk.Id(published))),
            found => found is not null, TimeSpan.FromSeconds(15), "ArticleUpdated on the bus");
        Assert.Equal("Rail strike ends after three days", update!.Message.Content.Headline);
        Assert.Equal(3, update.Message.Version);
    }

    [Fact]
    public async Task Unpublishing_takes_the_article_off_the_site_and_republishing_brings_it_back_under_its_slug()
    {
        var published = await _newsroom.DraftAndPublishAsync(NewsroomDesk.Copy("Flood warning for Gangwon"));
        var slug = NewsroomDesk.Slug(published);
        await ReadableAsync(slug, HttpStatusCode.OK);

        var unpublished = await _newsroom.UnpublishAsync(published);
        Assert.Equal("unpublished", unpublished.GetProperty("status").GetString());
        await ReadableAsync(slug, HttpStatusCode.NotFound);
        var takenDown = await Eventually.Until(
            () => Task.FromResult(articles.Bus.Received<Bus.ArticleUnpublished>().Any(m => m.Message.ArticleId == NewsroomDesk.Id(published))),
            found => found, TimeSpan.FromSeconds(15), "ArticleUnpublished on the bus");
        Assert.True(takenDown);

        var republished = await _newsroom.PublishAsync(unpublished);
        Assert.Equal(slug, NewsroomDesk.Slug(republished));
        await ReadableAsync(slug, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bodies_are_sanitised_on_the_way_in()
    {
        var draft = await _newsroom.DraftAsync(NewsroomDesk.Copy("Sanitiser check",
            body: """<p onclick="steal()">Safe <strong>text</strong></p><script>alert(1)</script><a href="javascript:alert(2)">link</a><img src="https://img.example/a.jpg" onerror="x()">"""));

        var body = draft.GetProperty("body").GetString()!;
        Assert.DoesNotContain("script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<strong>text</strong>", body);
        Assert.Contains("https://img.example/a.jpg", body);
    }

    [Fact]
    public async Task The_newsroom_lists_articles_by_state_latest_change_first()
    {
        var draft = await _newsroom.DraftAsync(NewsroomDesk.Copy("Listed as a draft"));
        var published = await _newsroom.DraftAndPublishAsync(NewsroomDesk.Copy("Listed as published"));

        var drafts = await articles.Client.GetFromJsonAsync<JsonElement>("/api/newsroom/articles?status=draft&pageSize=50");
        var live = await articles.Client.GetFromJsonAsync<JsonElement>("/api/newsroom/articles?status=published&pageSize=50");

        Assert.Contains(drafts.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == NewsroomDesk.Id(draft));
        Assert.DoesNotContain(drafts.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == NewsroomDesk.Id(published));
        Assert.Contains(live.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == NewsroomDesk.Id(published));
        Assert.True(drafts.GetProperty("total").GetInt64() >= 1);
        Assert.Equal(1, drafts.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task The_history_lists_every_event_with_who_when_and_what_changed()
    {
        var draft = await _newsroom.DraftAsync(NewsroomDesk.Copy("History check"));
        var revised = await _newsroom.ReviseAsync(draft, NewsroomDesk.Copy("History check, revised", section: "business", subsection: "tech"));
        var published = await _newsroom.PublishAsync(revised);
        await _newsroom.ReviseAsync(published, NewsroomDesk.Copy("History check, corrected", section: "business", subsection: "tech"));

        var history = await articles.Client.GetFromJsonAsync<JsonElement>($"/api/newsroom/articles/{NewsroomDesk.Id(draft)}/history");
        var entries = history.EnumerateArray().ToList();

        Assert.Equal(["drafted", "revised", "published", "corrected"], entries.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L, 3L, 4L], entries.Select(e => e.GetProperty("version").GetInt64()));
        Assert.All(entries, e => Assert.Equal("editor-1", e.GetProperty("by").GetString()));
        Assert.Equal(["headline", "section", "subsection"], entries[1].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["headline"], entries[3].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Newsroom_routes_need_an_editor()
    {
        var anonymous = await articles.Anonymous.PostAsJsonAsync("/api/newsroom/articles", NewsroomDesk.Copy("Nope"));
        var reader = articles.Service.CreateClientAs(Guid.NewGuid().ToString(), "reader");
        var forbidden = await reader.GetAsync("/api/newsroom/articles");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
    }

    private async Task ReadableAsync(string slug, HttpStatusCode expected) =>
        await Eventually.Until(() => articles.Anonymous.GetAsync($"/api/articles/{slug}"),
            r => r.StatusCode == expected, TimeSpan.FromSeconds(15), $"/api/articles/{slug} answering {expected}");
}
