using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// Journey 1, through the gateway only: an editor made by the configured admin takes an article from
/// draft to published, corrects it and takes it down; an anonymous reader sees each step everywhere
/// the article appears. Anonymous reads may be served from the gateway's short cache, so the reader's
/// checks wait a little longer than the cache keeps an answer.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class NewsroomJourneyTests(PlatformFixture platform)
{
    private static readonly TimeSpan CacheAndPipeline = TimeSpan.FromSeconds(40);

    private async Task<string> VersionOfAsync(Guid id, string editor)
    {
        var response = await platform.SendAsync(HttpMethod.Get, $"/api/newsroom/articles/{id}", editor);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    private Task<string> AnonymousAsync(string url) =>
        platform.Gateway.GetAsync(url).ContinueWith(t => t.Result.Content.ReadAsStringAsync()).Unwrap();

    [Fact]
    public async Task An_article_goes_from_draft_to_every_reader_surface_then_is_corrected_and_taken_down()
    {
        var editor = await platform.EditorTokenAsync();
        var word = "ferrysnow" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'q');
        object Copy(string body, string? note = null) => new
        {
            headline = $"Winter {word} timetable for island routes",
            summary = "Which crossings run when the sea freezes.",
            body,
            section = "national",
            subsection = "society",
            byline = "Desk reporter",
            tags = new[] { "ferries", "winter" },
            correctionNote = note,
        };

        var drafted = await platform.SendAsync(HttpMethod.Post, "/api/newsroom/articles", editor, Copy("<p>First draft.</p>"));
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var id = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var draftVersion = drafted.Headers.ETag!.Tag;

        // A second desk saved first: the first desk's revise is based on a stale version.
        var revised = await platform.SendAsync(HttpMethod.Put, $"/api/newsroom/articles/{id}", editor,
            Copy($"<p>The {word} timetable starts on Monday.</p>"), draftVersion);
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var stale = await platform.SendAsync(HttpMethod.Put, $"/api/newsroom/articles/{id}", editor, Copy("<p>Stale.</p>"), draftVersion);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var published = await platform.SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/publish", editor, new { },
            await VersionOfAsync(id, editor));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var slug = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;

        // Everywhere an anonymous reader looks.
        await Eventually.Until(() => platform.Gateway.GetAsync($"/api/articles/{slug}"), r => r.StatusCode == HttpStatusCode.OK, CacheAndPipeline, "by slug");
        await Eventually.Until(() => AnonymousAsync("/api/articles?section=national"), b => b.Contains(slug), CacheAndPipeline, "on the section front");
        await Eventually.Until(() => AnonymousAsync("/rss/national"), b => b.Contains(slug), CacheAndPipeline, "in the section's RSS");
        await Eventually.Until(() => AnonymousAsync("/sitemap-articles-1.xml"), b => b.Contains(slug), CacheAndPipeline, "in the sitemap");
        await Eventually.Until(() => AnonymousAsync("/sitemap-news.xml"), b => b.Contains(slug), CacheAndPipeline, "in the news sitemap");
        Assert.Contains("/sitemap-articles-1.xml", await AnonymousAsync("/sitemap.xml"));
        // Crawlers and feed readers ask HEAD: answered as GET is, without the body.
        foreach (var url in new[] { $"/api/articles/{slug}", "/rss/national", "/sitemap.xml", "/sitemap-news.xml" })
        {
            using var head = await platform.Gateway.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        }
        await Eventually.Until(() => AnonymousAsync($"/api/search?q={word}"), b => b.Contains(id.ToString()), CacheAndPipeline, "in search");

        // A correction: new text, re-indexed, marked as updated.
        var corrected = await platform.SendAsync(HttpMethod.Put, $"/api/newsroom/articles/{id}", editor,
            Copy($"<p>The {word} timetable starts on Tuesday after a delay.</p>", "The start day was wrong."), await VersionOfAsync(id, editor));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var page = await Eventually.Until(() => platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/articles/{slug}"),
            a => a.GetProperty("body").GetString()!.Contains("Tuesday"), CacheAndPipeline, "the corrected text by slug");
        Assert.NotEqual(JsonValueKind.Null, page.GetProperty("updatedAt").ValueKind);
        var found = await Eventually.Until(() => platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/search?q={word}+tuesday"),
            r => r.GetProperty("total").GetInt64() == 1, CacheAndPipeline, "the correction in search");
        Assert.NotEqual(JsonValueKind.Null, found.GetProperty("items")[0].GetProperty("updatedAt").ValueKind);

        // Taken down: gone from every reader surface.
        var unpublished = await platform.SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/unpublish", editor,
            new { reason = "Legal review" }, await VersionOfAsync(id, editor));
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        await Eventually.Until(() => platform.Gateway.GetAsync($"/api/articles/{slug}"), r => r.StatusCode == HttpStatusCode.NotFound, CacheAndPipeline, "404 by slug");
        await Eventually.Until(() => AnonymousAsync($"/api/search?q={word}"), b => !b.Contains(id.ToString()), CacheAndPipeline, "gone from search");
        await Eventually.Until(() => AnonymousAsync("/api/articles?section=national"), b => !b.Contains(slug), CacheAndPipeline, "gone from the front");
        await Eventually.Until(() => AnonymousAsync("/rss/national"), b => !b.Contains(slug), CacheAndPipeline, "gone from RSS");
    }
}
