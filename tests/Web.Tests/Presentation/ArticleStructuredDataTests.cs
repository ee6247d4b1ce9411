using System.Text.Json;
using NewsPlatform.Web.Platform;
using NewsPlatform.Web.Presentation;

namespace NewsPlatform.Web.Tests.Presentation;

public sealed class ArticleStructuredDataTests
{
    private static readonly Publication Daily = new() { Title = "NewsPlatform Daily", SiteUrl = "https://news.example" };
    private static readonly Uri Canonical = new("https://news.example/articles/han-river-ferry-trial-begins");

    [Fact]
    public void A_free_article_names_its_headline_image_dates_authors_and_section()
    {
        var json = JsonDocument.Parse(ArticleStructuredData.For(
            Articles.Detail(updated: new DateTimeOffset(2026, 11, 30, 3, 30, 0, TimeSpan.Zero)), Canonical, Daily)).RootElement;

        Assert.Equal("https://schema.org", json.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", json.GetProperty("@type").GetString());
        Assert.Equal("Han River ferry trial begins", json.GetProperty("headline").GetString());
        Assert.Equal("https://photos.example/ferry.jpg", json.GetProperty("image")[0].GetString());
        Assert.Equal("2026-11-30T01:00:00Z", json.GetProperty("datePublished").GetString());
        Assert.Equal("2026-11-30T03:30:00Z", json.GetProperty("dateModified").GetString());
        Assert.Equal(["Kim Ha-eun", "Yonhap"], json.GetProperty("author").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(["National", "Society"], json.GetProperty("articleSection").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(Canonical.ToString(), json.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.True(json.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.False(json.TryGetProperty("hasPart", out _));
        Assert.False(json.TryGetProperty("correction", out _));
    }

    [Fact]
    public void A_corrected_article_carries_each_correction_as_a_CorrectionComment_with_its_note_and_date_oldest_first()
    {
        var first = new DateTimeOffset(2026, 11, 30, 4, 0, 0, TimeSpan.Zero);
        var second = new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero);
        var json = JsonDocument.Parse(ArticleStructuredData.For(Articles.Detail(updated: second, corrections:
        [
            new CorrectionNotice("The ferry runs to Jamsil, not Ttukseom.", second, second.ToOffset(TimeSpan.FromHours(9))),
            new CorrectionNotice("An earlier version misspelled Yeouido.", first, first.ToOffset(TimeSpan.FromHours(9))),
        ]), Canonical, Daily)).RootElement;

        var corrections = json.GetProperty("correction").EnumerateArray().ToList();
        Assert.Equal(["CorrectionComment", "CorrectionComment"], corrections.Select(c => c.GetProperty("@type").GetString()));
        Assert.Equal(["An earlier version misspelled Yeouido.", "The ferry runs to Jamsil, not Ttukseom."], corrections.Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(["2026-11-30T04:00:00Z", "2026-12-01T02:30:00Z"], corrections.Select(c => c.GetProperty("datePublished").GetString()));
    }

    [Fact]
    public void A_gallery_names_every_photo_as_its_image_at_the_sites_absolute_address_of_its_largest_size()
    {
        var gallery = Articles.Gallery(photos: 3);
        var json = JsonDocument.Parse(ArticleStructuredData.For(gallery, Canonical, Daily)).RootElement;

        Assert.Equal(gallery.Photos.Select(p => $"https://news.example/photos/{p.PhotoId}/1600.jpg"),
            json.GetProperty("image").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public void A_premium_article_says_it_is_not_free_names_its_paywalled_part_and_carries_no_body()
    {
        var body = "<p>First paragraph for everyone.</p><p>The subscriber-only quota tables.</p>";
        var text = ArticleStructuredData.For(Articles.Detail(premium: true, body: body), Canonical, Daily);
        var json = JsonDocument.Parse(text).RootElement;

        Assert.False(json.GetProperty("isAccessibleForFree").GetBoolean());
        var part = json.GetProperty("hasPart");
        Assert.False(part.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.Equal(".paywalled", part.GetProperty("cssSelector").GetString());
        Assert.DoesNotContain("quota tables", text);
        Assert.DoesNotContain("articleBody", text);
    }

    [Fact]
    public void No_text_of_the_article_can_close_the_script_element_it_sits_in() =>
        Assert.DoesNotContain("</script>", ArticleStructuredData.For(Articles.Detail(headline: "A </script><script>alert(1)</script> headline"), Canonical, Daily),
            StringComparison.OrdinalIgnoreCase);
}
