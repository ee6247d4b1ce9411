using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Tests.Presentation;

/// <summary>Articles as the Articles service answers them, for the tests of the site's pages.</summary>
internal static class Articles
{
    public static readonly ArticlePhoto TypedPhoto = new("https://photos.example/ferry.jpg", "A water bus on the Han River", "Lee Jun-ho");

    public static ArticleDetail Detail(bool premium = false, bool locked = false, string body = "<p>First paragraph for everyone.</p><p>Analysis.</p>",
        DateTimeOffset? updated = null, string headline = "Han River ferry trial begins", ArticlePhoto? leadPhoto = null,
        IReadOnlyList<CorrectionNotice>? corrections = null) => new(
        Guid.Parse("0193a0b2-0000-7000-8000-000000000001"), "han-river-ferry-trial-begins", headline,
        "Water buses start test runs between Yeouido and Jamsil.", locked ? "<p>First paragraph for everyone.</p>" : body, locked,
        "national", "National", "society", "Society", "Kim Ha-eun", "Yonhap", ["ferries", "han-river"],
        leadPhoto ?? TypedPhoto, premium,
        new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), updated, "Asia/Seoul", Corrections: corrections);

    /// <summary>An uploaded photo: its own size and the four renditions the gateway serves, narrowest first.</summary>
    public static ArticlePhoto Uploaded(int n, int width = 4000, int height = 3000, string? caption = null, string? credit = null)
    {
        var id = Guid.Parse($"00000000-0000-0000-0000-{n:D12}");
        return new ArticlePhoto($"/photos/{id}/1600.jpg", caption ?? $"Caption {n}", credit ?? $"Credit {n}", id, width, height,
            [.. new[] { 320, 640, 1024, 1600 }.Select(w => new PhotoSize(w, w * height / width, $"/photos/{id}/{w}.jpg"))]);
    }

    /// <summary>A gallery of <paramref name="photos"/> photos; locked, the service sends only the first.</summary>
    public static ArticleDetail Gallery(int photos = 3, bool premium = false, bool locked = false, string body = "<p>A night on the docks.</p>")
    {
        var all = Enumerable.Range(1, photos).Select(n => Uploaded(n)).ToList();
        return Detail(premium, locked, body, headline: "Harbour lights at Busan") with
        {
            LeadPhoto = null, Kind = ArticleKinds.Gallery, Gallery = locked ? all.Take(1).ToList() : all,
        };
    }

    public static ArticleSummary Summary(string kind = ArticleKinds.Story, int galleryPhotos = 0, ArticlePhoto? leadPhoto = null) => new(
        Guid.Parse("0193a0b2-0000-7000-8000-000000000002"), "harbour-lights", "Harbour lights at Busan", "A night on the docks.",
        "photos", "darkroom", "Park Ji-won", null, [], leadPhoto ?? Uploaded(1), false,
        new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), null, kind, galleryPhotos);
}
