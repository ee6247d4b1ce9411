using System.Net;
using System.Text.Json;

namespace NewsPlatform.Web.Tests;

/// <summary>Galleries, photo fronts and corrections, as the site renders what the Articles service answers.</summary>
[Collection(SiteCollection.Name)]
public sealed class PhotosAndCorrectionsTests(SiteFixture site)
{
    private StandInServices Services => site.Services;

    [Fact]
    public async Task A_gallery_page_shows_its_introduction_then_every_photo_in_order_with_its_place_caption_credit_and_renditions()
    {
        using var browser = site.NewBrowser();
        var (response, page) = await browser.GetAsync($"/articles/{StandInServices.GallerySlug}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The port works through the night.", page.QuerySelector("article .gallery-intro")!.TextContent.Trim());
        var figures = page.QuerySelectorAll("article ol.gallery > li > figure").ToList();
        Assert.Equal(["Photo 1 of 3", "Photo 2 of 3", "Photo 3 of 3"], figures.Select(f => f.QuerySelector("figcaption .photo-number")!.TextContent));
        Assert.Equal(["Caption of photo 1", "Caption of photo 2", "Caption of photo 3"], figures.Select(f => f.QuerySelector("figcaption .caption")!.TextContent));
        Assert.Equal(["Credit 1", "Credit 2", "Credit 3"], figures.Select(f => f.QuerySelector("figcaption .credit")!.TextContent));

        var images = figures.Select(f => f.QuerySelector("img")!).ToList();
        Assert.Equal(Enumerable.Range(1, 3).Select(n => $"/photos/0000000{n}-0000-0000-0000-000000000000/1024.jpg"), images.Select(i => i.GetAttribute("src")));
        Assert.Equal(["4000x3000", "3000x4000", "4000x2250"], images.Select(i => $"{i.GetAttribute("width")}x{i.GetAttribute("height")}"));
        Assert.All(images, i => Assert.Contains("1600.jpg 1600w", i.GetAttribute("srcset")));
        Assert.Equal([null, "lazy", "lazy"], images.Select(i => i.GetAttribute("loading")));
        Assert.Empty(page.QuerySelectorAll("article .lead-photo")); // the photos are the gallery's, not a lead photo above it
    }

    [Fact]
    public async Task A_corrected_article_prints_its_corrections_and_its_structured_data_carries_them()
    {
        using var browser = site.NewBrowser();
        var (_, page) = await browser.GetAsync($"/articles/{StandInServices.GallerySlug}");

        var block = page.QuerySelector("article section.corrections[aria-labelledby=corrections-heading]")!;
        Assert.Equal("Corrections", block.QuerySelector("#corrections-heading")!.TextContent);
        Assert.Equal(
            ["Correction, 2026-12-01 08:15 KST: An earlier version misnamed the pier.", "Correction, 2026-12-01 14:40 KST: The third photo was taken in Gamcheon, not Nampo."],
            block.QuerySelectorAll("li").Select(li => li.TextContent.Trim()));

        var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        var corrections = json.GetProperty("correction").EnumerateArray().ToList();
        Assert.All(corrections, c => Assert.Equal("CorrectionComment", c.GetProperty("@type").GetString()));
        Assert.Equal(["An earlier version misnamed the pier.", "The third photo was taken in Gamcheon, not Nampo."], corrections.Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(["2026-11-30T23:15:00Z", "2026-12-01T05:40:00Z"], corrections.Select(c => c.GetProperty("datePublished").GetString()));
        Assert.Equal(Enumerable.Range(1, 3).Select(n => $"https://news.example/photos/0000000{n}-0000-0000-0000-000000000000/1600.jpg"),
            json.GetProperty("image").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("https://news.example/photos/00000001-0000-0000-0000-000000000000/1600.jpg",
            page.QuerySelector("head meta[property='og:image']")?.GetAttribute("content"));
    }

    [Fact]
    public async Task The_photos_front_is_a_grid_of_galleries_with_their_first_photo_and_count_and_other_fronts_label_a_gallery()
    {
        using var browser = site.NewBrowser();
        var (_, photos) = await browser.GetAsync("/photos/darkroom");
        var card = photos.QuerySelector($".photo-grid .card-gallery:has(a[href='/articles/{StandInServices.GallerySlug}'])")!;
        Assert.Equal("3 photos", card.QuerySelector(".gallery-label")!.TextContent);
        var img = card.QuerySelector("img.card-photo")!;
        Assert.Equal("/photos/00000001-0000-0000-0000-000000000000/1024.jpg", img.GetAttribute("src"));
        Assert.Contains("/photos/00000001-0000-0000-0000-000000000000/320.jpg 320w", img.GetAttribute("srcset"));
        Assert.Equal(("4000", "3000"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Null(img.GetAttribute("loading")); // the grid's first photo loads at once
        Assert.Equal("photo-news", photos.QuerySelector("nav.subsection-links a[href='/photos/photo-news']")?.GetAttribute("href")?.Split('/')[^1]);

        var (_, business) = await browser.GetAsync("/business");
        var label = business.QuerySelector($".card-gallery:has(a[href='/articles/{StandInServices.GallerySlug}']) .gallery-label")!;
        Assert.Equal("Gallery · 3 photos", label.TextContent);
        Assert.Null(business.QuerySelector(".photo-grid"));

        var (_, home) = await browser.GetAsync("/");
        Assert.Contains(home.QuerySelectorAll(".card-gallery .gallery-label"), l => l.TextContent == "Gallery · 3 photos");
    }

    [Fact]
    public async Task The_corrections_page_lists_corrections_newest_first_linked_to_their_articles_and_paged_with_real_links()
    {
        using var browser = site.NewBrowser();
        var (response, first) = await browser.GetAsync("/corrections");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Services.Calls, c => c.Path == "/api/corrections?page=1&pageSize=20"); // (kept by the site a few seconds)
        Assert.Equal("Corrections", first.QuerySelector("main h1")!.TextContent);
        var entries = first.QuerySelectorAll("ol.corrections-list > li").ToList();
        Assert.Equal(20, entries.Count);
        Assert.Equal("/articles/corrected-0", entries[0].QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Equal("Corrected story 0", entries[0].QuerySelector("h2 a")!.TextContent);
        Assert.Equal("Note 0: a name was misspelled.", entries[0].QuerySelector(".correction-note")!.TextContent);
        var times = entries.Select(e => DateTimeOffset.Parse(e.QuerySelector("time[datetime]")!.GetAttribute("datetime")!)).ToList();
        Assert.Equal(StandInServices.NewestCorrectionAt, times[0]);
        Assert.Equal(times.OrderByDescending(t => t), times); // newest first
        Assert.Equal("2026-12-01 12:00 KST", entries[0].QuerySelector("time")!.TextContent); // in the publication's zone

        Assert.Equal("/corrections?page=2", first.QuerySelector("head link[rel=next]")?.GetAttribute("href"));
        Assert.Equal("/corrections?page=2", first.QuerySelector("main nav.pager a[rel=next]")?.GetAttribute("href"));
        Assert.Null(first.QuerySelector("head link[rel=prev]"));

        var (_, last) = await browser.GetAsync("/corrections?page=3");
        Assert.Equal(5, last.QuerySelectorAll("ol.corrections-list > li").Length);
        Assert.Equal("/articles/corrected-40", last.QuerySelector("ol.corrections-list > li h2 a")!.GetAttribute("href"));
        Assert.Equal("/corrections?page=2", last.QuerySelector("head link[rel=prev]")?.GetAttribute("href"));
        Assert.Null(last.QuerySelector("head link[rel=next]"));
        Assert.Equal("https://news.example/corrections?page=3", last.QuerySelector("head link[rel=canonical]")?.GetAttribute("href"));

        var (beyond, _) = await browser.GetAsync("/corrections?page=4");
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task The_corrections_page_is_linked_from_every_pages_footer_and_the_site_map_and_tagged_for_the_gateways_purge()
    {
        using var browser = site.NewBrowser();
        var (_, home) = await browser.GetAsync("/");
        Assert.NotNull(home.QuerySelector("footer.site-footer a[href='/corrections']"));
        var (_, map) = await browser.GetAsync("/sitemap");
        Assert.NotNull(map.QuerySelector("main a[href='/corrections']"));

        var (response, _) = await browser.GetAsync("/corrections");
        var tags = response.Headers.GetValues("Surrogate-Key").Single().Split(' ');
        Assert.Contains("corrections", tags);
        Assert.Contains("article:00000000000000000000000000000000", tags);
    }
}
