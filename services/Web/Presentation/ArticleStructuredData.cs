using System.Text.Json;
using System.Text.Json.Nodes;
using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Presentation;

/// <summary>
/// The article's schema.org <c>NewsArticle</c> as JSON-LD. A premium article says it is not free and names
/// its paywalled part by CSS class, as search engines ask, so showing subscribers more than crawlers is not
/// cloaking. It never carries the body: nothing behind the paywall is in it.
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
        if (article.LeadPhoto is { } photo) data["image"] = new JsonArray(photo.Url);
        if (article.Tags.Count > 0) data["keywords"] = new JsonArray(article.Tags.Select(t => (JsonNode?)t).ToArray());

        var authors = new JsonArray();
        if (!string.IsNullOrWhiteSpace(article.Byline)) authors.Add(new JsonObject { ["@type"] = "Person", ["name"] = article.Byline });
        if (!string.IsNullOrWhiteSpace(article.SourceCredit)) authors.Add(new JsonObject { ["@type"] = "Organization", ["name"] = article.SourceCredit });
        if (authors.Count == 0) authors.Add(new JsonObject { ["@type"] = "Organization", ["name"] = publication.Title });
        data["author"] = authors;

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
