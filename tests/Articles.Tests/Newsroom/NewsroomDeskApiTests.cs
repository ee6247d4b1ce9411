using NewsPlatform.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsPlatform.Articles.Tests.Newsroom;

/// <summary>What the newsroom desk reads and does beyond the basic lifecycle: lists, versions, restore, preview, corrections.</summary>
public sealed class NewsroomDeskApiTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    private readonly NewsroomDesk _newsroom = new(articles.Client);

    [Fact]
    public async Task The_story_list_filters_by_section_headline_words_and_author_and_names_who_changed_it_last()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await _newsroom.DraftAsync(NewsroomDesk.Copy($"Tariff {marker} talks in Geneva", section: "business", subsection: "companies"));
        await _newsroom.DraftAsync(NewsroomDesk.Copy($"Tariff {marker} rally on the KOSPI", section: "finance", subsection: "markets"));
        var colleague = new NewsroomDesk(articles.Service.CreateClientAs("editor-2", "editor"));
        await colleague.DraftAsync(NewsroomDesk.Copy($"Tariff {marker} fears at the port", section: "business", subsection: "companies"));

        var business = await ListAsync($"?q={marker.ToUpperInvariant()}&section=business");
        Assert.Equal(2, business.GetProperty("total").GetInt64());
        Assert.Equal("editor-2", business.GetProperty("items")[0].GetProperty("lastChangedByName").GetString());
        var mine = await ListAsync($"?q={marker}&mine=true");
        // Mine: the caller's two drafts, newest change first, and not the colleague's.
        var items = mine.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([$"Tariff {marker} rally on the KOSPI", $"Tariff {marker} talks in Geneva"],
            items.Select(i => i.GetProperty("headline").GetString()));
        var item = items[0];
        Assert.Equal("editor-1", item.GetProperty("lastChangedByName").GetString());
        Assert.Equal("story", item.GetProperty("kind").GetString());

        var bad = await articles.Client.GetAsync("/api/newsroom/articles?section=nowhere&q=" + new string('x', 201));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("section", out _) && errors.TryGetProperty("q", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await articles.Client.GetAsync("/api/newsroom/articles?q=%00")).StatusCode);
    }

    [Fact]
    public async Task An_earlier_version_reads_as_it_was_and_restoring_it_makes_a_new_version_that_names_it()
    {
        var draft = await _newsroom.DraftAsync(NewsroomDesk.Copy("Sejong budget first draft"));
        var second = await _newsroom.ReviseAsync(draft, NewsroomDesk.Copy("Sejong budget second draft"));
        var id = NewsroomDesk.Id(draft);

        var first = await _newsroom.OkAsync(articles.Client.GetAsync($"/api/newsroom/articles/{id}/versions/1"));
        Assert.Equal("Sejong budget first draft", first.GetProperty("headline").GetString());
        Assert.Equal(1, NewsroomDesk.Version(first));
        Assert.Equal(HttpStatusCode.NotFound, (await articles.Client.GetAsync($"/api/newsroom/articles/{id}/versions/9")).StatusCode);

        // A restore based on a stale version is refused like any other write.
        var stale = await _newsroom.SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/restore", 1, new { version = 1 });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var nonsense = await _newsroom.SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/restore", 2, new { version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);

        var restored = await _newsroom.OkAsync(_newsroom.SendAsync(HttpMethod.Post, $"/api/newsroom/articles/{id}/restore", NewsroomDesk.Version(second), new { version = 1 }));
        Assert.Equal(3, NewsroomDesk.Version(restored));
        Assert.Equal("Sejong budget first draft", restored.GetProperty("headline").GetString());

        var history = await _newsroom.OkAsync(articles.Client.GetAsync($"/api/newsroom/articles/{id}/history"));
        var last = history.EnumerateArray().Last();
        Assert.Equal("revised", last.GetProperty("type").GetString());
        Assert.Equal(1, last.GetProperty("restoredFrom").GetInt64());
        Assert.Equal("editor-1", last.GetProperty("byName").GetString());
        Assert.Contains("headline", last.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_preview_shows_a_premium_draft_as_a_teaser_to_the_anonymous_and_whole_to_a_subscriber()
    {
        var draft = await _newsroom.DraftAsync(NewsroomDesk.Copy("Chaebol reform: the inside story",
            body: "<p>The teaser paragraph.</p><p>The paid-for paragraph.</p>", premium: true));
        var id = NewsroomDesk.Id(draft);

        var anonymous = await _newsroom.OkAsync(articles.Client.GetAsync($"/api/newsroom/articles/{id}/preview?as=anonymous"));
        Assert.True(anonymous.GetProperty("locked").GetBoolean());
        Assert.DoesNotContain("paid-for", anonymous.GetProperty("body").GetString());

        var subscriber = await _newsroom.OkAsync(articles.Client.GetAsync($"/api/newsroom/articles/{id}/preview?as=subscriber"));
        Assert.False(subscriber.GetProperty("locked").GetBoolean());
        Assert.Contains("paid-for", subscriber.GetProperty("body").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await articles.Client.GetAsync($"/api/newsroom/articles/{id}/preview?as=robot")).StatusCode);
        var reader = articles.Service.CreateClientAs("reader-7");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/newsroom/articles/{id}/preview")).StatusCode);
    }

    [Fact]
    public async Task A_correction_note_shows_on_the_article_and_in_the_corrections_list_until_the_article_is_taken_down()
    {
        var published = await _newsroom.DraftAndPublishAsync(NewsroomDesk.Copy("Incheon bridge opens in May"));
        var slug = NewsroomDesk.Slug(published);
        var note = $"An earlier version said April. ({Guid.NewGuid():N})";
        var corrected = await _newsroom.ReviseAsync(published, new
        {
            headline = "Incheon bridge opens in May", summary = "What happened, in one line.",
            body = "<p>It opens in May, not April.</p>", section = "national", subsection = "politics", byline = "Lee Hae-in",
            tags = new[] { "assembly" }, correctionNote = note,
        });

        var page = await articles.Anonymous.GetFromJsonAsync<JsonElement>($"/api/articles/{slug}");
        var shown = Assert.Single(page.GetProperty("corrections").EnumerateArray());
        Assert.Equal(note, shown.GetProperty("note").GetString());

        var list = await articles.Anonymous.GetAsync("/api/corrections?pageSize=50");
        Assert.Contains("corrections", list.Headers.GetValues("Surrogate-Key").Single());
        var listed = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("note").GetString() == note);
        Assert.Equal(slug, listed.GetProperty("slug").GetString());

        await _newsroom.UnpublishAsync(corrected);
        var after = await articles.Anonymous.GetFromJsonAsync<JsonElement>("/api/corrections?pageSize=50");
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), c => c.GetProperty("note").GetString() == note);
    }

    [Fact]
    public async Task A_gallery_is_drafted_with_its_photos_in_order_and_an_unknown_uploaded_photo_is_a_field_error()
    {
        var gallery = await _newsroom.DraftAsync(new
        {
            headline = "Autumn colours on Namsan", body = "<p>The mountain turns red.</p>", section = "photos", subsection = "photo-news",
            kind = "gallery",
            gallery = new[]
            {
                new { url = "https://photos.example/1.jpg", caption = "Maples at the cable car", credit = "Park Ji-woo" },
                new { url = "https://photos.example/2.jpg", caption = "The tower at dusk", credit = "Park Ji-woo" },
            },
        });
        Assert.Equal("gallery", gallery.GetProperty("kind").GetString());
        Assert.Equal(["Maples at the cable car", "The tower at dusk"],
            gallery.GetProperty("gallery").EnumerateArray().Select(p => p.GetProperty("caption").GetString()));

        var unknown = await articles.Client.PostAsJsonAsync("/api/newsroom/articles", new
        {
            headline = "Lead photo that was never uploaded", body = "<p>Text.</p>", section = "national",
            leadPhoto = new { photoId = Guid.NewGuid(), caption = "Nothing" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("leadPhoto.photoId", out _));
    }

    [Fact]
    public async Task An_uploaded_photo_placed_by_its_id_carries_the_librarys_address_size_and_served_sizes_not_the_requests()
    {
        var file = new ByteArrayContent(TestPhotos.Encode(1800, 1200));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        var upload = await articles.Client.PostAsync("/api/newsroom/photos", new MultipartFormDataContent { { file, "file", "harbour.jpg" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var photoId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var draft = await _newsroom.DraftAsync(new
        {
            headline = "Cranes at the new terminal", body = "<p>Busan's port grows.</p>", section = "business",
            // an address in the request is ignored for an uploaded photo: the library says where it is served
            leadPhoto = new { photoId, url = "https://elsewhere.example/x.jpg", caption = "Gantry cranes at dawn", credit = "Lee Su-bin" },
        });
        var lead = draft.GetProperty("leadPhoto");
        Assert.Equal($"/photos/{photoId}/1024.jpg", lead.GetProperty("url").GetString());
        Assert.Equal(("Gantry cranes at dawn", "Lee Su-bin", 1800, 1200),
            (lead.GetProperty("caption").GetString(), lead.GetProperty("credit").GetString(), lead.GetProperty("width").GetInt32(), lead.GetProperty("height").GetInt32()));
        Assert.Equal([320, 640, 1024, 1600], lead.GetProperty("sizes").EnumerateArray().Select(s => s.GetProperty("width").GetInt32()));
        foreach (var size in lead.GetProperty("sizes").EnumerateArray())
            Assert.Equal(HttpStatusCode.OK, (await articles.Client.GetAsync(size.GetProperty("url").GetString())).StatusCode);
    }

    private Task<JsonElement> ListAsync(string query) => _newsroom.OkAsync(articles.Client.GetAsync($"/api/newsroom/articles{query}"));
}
