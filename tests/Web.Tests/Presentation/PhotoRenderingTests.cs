using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsPlatform.Web.Components.Shared;
using NewsPlatform.Web.Platform;
using NewsPlatform.Web.Presentation;
using NewsPlatform.Web.Reading;

namespace NewsPlatform.Web.Tests.Presentation;

/// <summary>Photos as the pages show them: renditions, sizes and captions; galleries in order; gallery cards; corrections.</summary>
public sealed class PhotoRenderingTests : BunitContext
{
    public PhotoRenderingTests() => Services.AddSingleton(Options.Create(new Publication()));

    [Fact]
    public void A_gallery_shows_every_photo_in_order_each_a_figure_with_its_place_caption_and_credit_below_its_introduction()
    {
        var gallery = Articles.Gallery(photos: 3);
        var page = Render<ArticleBody>(p => p.Add(b => b.Article, gallery).Add(b => b.View, PaywallView.WholeBody));

        var items = page.FindAll("ol.gallery > li");
        Assert.Equal(["photo-1", "photo-2", "photo-3"], items.Select(i => i.Id));
        Assert.Equal(["Photo 1 of 3", "Photo 2 of 3", "Photo 3 of 3"], items.Select(i => i.QuerySelector("figure figcaption .photo-number")!.TextContent));
        Assert.Equal(["Caption 1", "Caption 2", "Caption 3"], items.Select(i => i.QuerySelector("figcaption .caption")!.TextContent));
        Assert.Equal(["Credit 1", "Credit 2", "Credit 3"], items.Select(i => i.QuerySelector("figcaption .credit")!.TextContent));
        Assert.Equal(gallery.Photos.Select(p => $"/photos/{p.PhotoId}/1600.jpg"), items.Select(i => i.QuerySelector("a.full-size")!.GetAttribute("href")));

        // The introduction comes first, then the photos.
        Assert.Equal("A night on the docks.", page.Find(".gallery-intro").TextContent.Trim());
        Assert.True(page.Find(".gallery-intro").CompareDocumentPosition(page.Find("ol.gallery")).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
    }

    [Fact]
    public void A_gallerys_photos_carry_their_renditions_and_size_and_all_but_the_first_load_lazily()
    {
        var gallery = Articles.Gallery(photos: 3);
        var page = Render<ArticleBody>(p => p.Add(b => b.Article, gallery).Add(b => b.View, PaywallView.WholeBody));

        var images = page.FindAll("ol.gallery img");
        var first = gallery.Photos[0];
        Assert.Equal($"/photos/{first.PhotoId}/1024.jpg", images[0].GetAttribute("src"));
        Assert.Equal(PhotoRenditions.SrcSet(first), images[0].GetAttribute("srcset"));
        Assert.Equal(PhotoRenditions.GalleryColumn, images[0].GetAttribute("sizes"));
        Assert.Equal(("4000", "3000"), (images[0].GetAttribute("width"), images[0].GetAttribute("height")));
        Assert.Equal("Caption 1", images[0].GetAttribute("alt"));
        Assert.Null(images[0].GetAttribute("loading"));
        Assert.Equal([null, "lazy", "lazy"], images.Select(i => i.GetAttribute("loading")));
    }

    [Fact]
    public void A_locked_gallery_shows_its_first_photo_without_a_total_and_the_call_to_action()
    {
        var page = Render<ArticleBody>(p => p
            .Add(b => b.Article, Articles.Gallery(photos: 3, premium: true, locked: true))
            .Add(b => b.View, PaywallView.TeaserAskToSubscribeOrLogIn)
            .Add(b => b.ReturnUrl, "/articles/harbour-lights"));

        var item = Assert.Single(page.FindAll("ol.gallery > li"));
        Assert.Equal("Photo 1", item.QuerySelector(".photo-number")!.TextContent);
        Assert.Equal("/subscribe?returnUrl=%2Farticles%2Fharbour-lights", page.Find(".paywall a.button").GetAttribute("href"));
        Assert.NotNull(page.Find(".gallery-photos.paywalled"));
    }

    [Fact]
    public void A_storys_lead_photo_has_its_renditions_and_size_loads_at_once_and_a_typed_address_shows_as_before()
    {
        var uploaded = Articles.Uploaded(5, width: 3000, height: 2000, caption: "A water bus at Yeouido", credit: "Lee Jun-ho");
        var header = Render<ArticleHeader>(p => p.Add(h => h.Article, Articles.Detail(leadPhoto: uploaded)));
        var img = header.Find("figure.lead-photo img");
        Assert.Equal($"/photos/{uploaded.PhotoId}/1024.jpg", img.GetAttribute("src"));
        Assert.Equal(PhotoRenditions.SrcSet(uploaded), img.GetAttribute("srcset"));
        Assert.Equal(("3000", "2000"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Null(img.GetAttribute("loading"));
        Assert.Equal("high", img.GetAttribute("fetchpriority"));
        Assert.Equal("A water bus at Yeouido", header.Find("figure.lead-photo figcaption .caption").TextContent);
        Assert.Equal("Lee Jun-ho", header.Find("figure.lead-photo figcaption .credit").TextContent);

        var typed = Render<ArticleHeader>(p => p.Add(h => h.Article, Articles.Detail())).Find("figure.lead-photo img");
        Assert.Equal("https://photos.example/ferry.jpg", typed.GetAttribute("src"));
        Assert.Null(typed.GetAttribute("srcset"));
        Assert.Null(typed.GetAttribute("sizes"));
        Assert.Equal(("1200", "675"), (typed.GetAttribute("width"), typed.GetAttribute("height")));
    }

    [Fact]
    public void A_gallerys_header_leaves_its_photos_to_the_gallery()
    {
        var header = Render<ArticleHeader>(p => p.Add(h => h.Article, Articles.Gallery() with { LeadPhoto = Articles.Uploaded(9) }));
        Assert.Empty(header.FindAll("img"));
    }

    [Fact]
    public void A_gallery_card_says_gallery_and_how_many_photos_on_any_front_and_on_the_photos_front_shows_its_first_photo()
    {
        var summary = Articles.Summary(ArticleKinds.Gallery, galleryPhotos: 12);

        var standard = Render<ArticleCard>(p => p.Add(c => c.Article, summary));
        Assert.Equal("Gallery · 12 photos", standard.Find(".gallery-label").TextContent);
        Assert.Empty(standard.FindAll("img"));

        var photo = Render<ArticleCard>(p => p.Add(c => c.Article, summary).Add(c => c.Variant, "grid"));
        Assert.Equal("12 photos", photo.Find(".gallery-label").TextContent);
        var img = photo.Find("img.card-photo");
        Assert.Equal(PhotoRenditions.SrcSet(summary.LeadPhoto!), img.GetAttribute("srcset"));
        Assert.Equal(PhotoRenditions.GridCard, img.GetAttribute("sizes"));
        Assert.Equal(("4000", "3000"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("lazy", img.GetAttribute("loading"));

        var story = Render<ArticleCard>(p => p.Add(c => c.Article, Articles.Summary()));
        Assert.Empty(story.FindAll(".gallery-label"));
    }

    [Fact]
    public void A_corrected_article_prints_each_correction_with_its_time_in_the_publications_zone_oldest_first()
    {
        var first = new DateTimeOffset(2026, 11, 30, 23, 15, 0, TimeSpan.Zero);
        var second = new DateTimeOffset(2026, 12, 1, 5, 40, 0, TimeSpan.Zero);
        var article = Articles.Detail(updated: second, corrections:
        [
            new CorrectionNotice("The third photo was taken in Gamcheon.", second, second.ToOffset(TimeSpan.FromHours(9))),
            new CorrectionNotice("An earlier version misnamed the pier.", first, first.ToOffset(TimeSpan.FromHours(9))),
        ]);

        var block = Render<ArticleCorrections>(p => p.Add(c => c.Article, article));
        var section = block.Find("section#corrections");
        Assert.Equal("corrections-heading", section.GetAttribute("aria-labelledby"));
        Assert.Equal("Corrections", block.Find("#corrections-heading").TextContent);
        Assert.Equal(
            ["Correction, 2026-12-01 08:15 KST: An earlier version misnamed the pier.", "Correction, 2026-12-01 14:40 KST: The third photo was taken in Gamcheon."],
            block.FindAll("li").Select(li => li.TextContent.Trim()));
        Assert.Equal(["2026-11-30T23:15:00Z", "2026-12-01T05:40:00Z"], block.FindAll("li time").Select(t => t.GetAttribute("datetime")));

        Assert.Empty(Render<ArticleCorrections>(p => p.Add(c => c.Article, Articles.Detail())).FindAll("section"));
    }
}
