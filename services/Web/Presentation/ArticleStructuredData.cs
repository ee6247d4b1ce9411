using System.Text.Json;
using System.Text.Json.Nodes;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Presentation;

/// <summary>
/// The article's schema.org <c>NewsArticle</c> as JSON-LD. A premium article says it is not free and names
/// its paywalled part by CSS class, as search engines ask, so showing subscribers more than crawlers is not
/// cloaking. It never carries the body: nothing behind the paywall is in it. A gallery names its photos as its images,
/// and a corrected article its corrections (<c>correction</c>, as <c>CorrectionComment</c>s).
/// </summary>
public static class ArticleStructuredData
{
    /// <summary>The class of the element that holds a premium article's body.</summary>
    public const string PaywalledClass = "paywalled";

    public static string For(ArticleDetail article, Uri canonical, Publication publication)
    {
        var data = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = canonical.ToString() },
            ["url"] = canonical.ToString(),
            ["headline"] = article.Headline,
            ["datePublished"] = PublicationTime.Iso(article.PublishedAt),
            ["dateModified"] = PublicationTime.Iso(article.UpdatedAt ?? article.PublishedAt),
            ["articleSection"] = article.SubsectionName is { } sub ? new JsonArray(article.SectionName, sub) : article.SectionName,
            ["isAccessibleForFree"] = !article.IsPremium,
            ["publisher"] = new JsonObject
            {
                ["@type"] = "NewsMediaOrganization",
                ["name"] = publication.Title,
                ["url"] = publication.Absolute("/").ToString(),
                ["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = publication.Absolute("/icon-512.png").ToString() },
            },
        };
        if (!string.IsNullOrWhiteSpace(article.Summary)) data["description"] = article.Summary;
        // A gallery names every photo it shows; a story its lead photo. Addresses are absolute, at their largest size.
        IReadOnlyList<ArticlePhoto> photos = article.IsGallery && article.Photos.Count > 0 ? article.Photos : article.LeadPhoto is { } lead ? [lead] : [];
        if (photos.Count > 0)
            data["image"] = new JsonArray(photos.Select(p => PhotoRenditions.Absolute(p, publication)).Distinct().Select(url => (JsonNode?)url).ToArray());
        if (article.Tags.Count > 0) data["keywords"] = new JsonArray(article.Tags.Select(t => (JsonNode?)t).ToArray());

        var authors = new JsonArray();
        if (!string.IsNullOrWhiteSpace(article.Byline)) authors.Add(new JsonObject { ["@type"] = "Person", ["name"] = article.Byline });
        if (!string.IsNullOrWhiteSpace(article.SourceCredit)) authors.Add(new JsonObject { ["@type"] = "Organization", ["name"] = article.SourceCredit });
        if (authors.Count == 0) authors.Add(new JsonObject { ["@type"] = "Organization", ["name"] = publication.Title });
        data["author"] = authors;

        // What was put right after publication, each with its note and when (schema.org CorrectionComment).
        if (article.CorrectionsInOrder is { Count: > 0 } corrections)
        {
            data["correction"] = new JsonArray(corrections.Select(c => (JsonNode?)new JsonObject
            {
                ["@type"] = "CorrectionComment",
                ["text"] = c.Note,
                ["datePublished"] = PublicationTime.Iso(c.At),
            }).ToArray());
        }

        if (article.IsPremium)
        {
            data["hasPart"] = new JsonObject
            {
                ["@type"] = "WebPageElement",
                ["isAccessibleForFree"] = false,
                ["cssSelector"] = "." + PaywalledClass,
            };
        }
        // The default encoder escapes <, > and &, so the text can never close the script element it sits in.
        return data.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
