using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Tests.Presentation;

/// <summary>Articles as the Articles service answers them, for the tests of the site's pages.</summary>
internal static class Articles
{
    public static ArticleDetail Detail(bool premium = false, bool locked = false, string body = "<p>First paragraph for everyone.</p><p>Analysis.</p>",
        DateTimeOffset? updated = null, string headline = "Han River ferry trial begins") => new(
        Guid.Parse("0193a0b2-0000-7000-8000-000000000001"), "han-river-ferry-trial-begins", headline,
        "Water buses start test runs between Yeouido and Jamsil.", locked ? "<p>First paragraph for everyone.</p>" : body, locked,
        "national", "National", "society", "Society", "Kim Ha-eun", "Yonhap", ["ferries", "han-river"],
        new ArticlePhoto("https://photos.example/ferry.jpg", "A water bus on the Han River", "Lee Jun-ho"), premium,
        new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), updated, "Asia/Seoul");
}
