using NewsPlatform.Contracts.Sections;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Marten;
using Microsoft.Extensions.Options;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Projections;

namespace NewsPlatform.Articles.Reading;

/// <summary>Slices: RSS 2.0 feeds (site-wide and per section) and the sitemap of published articles.</summary>
public static class FeedEndpoints
{
    public const int FeedSize = 50;
    public const int SitemapLimit = 50_000; // the sitemap protocol's limit per file

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("").WithTags("Feeds");
        feeds.MapGet("/rss", (IQuerySession session, IOptions<Publication> publication, CancellationToken ct) =>
                RssAsync(null, session, publication.Value, ct))
            .WithName("SiteFeed").WithSummary("RSS 2.0 feed of the newest articles")
            .Produces<string>(StatusCodes.Status200OK, "application/rss+xml");
        feeds.MapGet("/rss/{section}", (string section, IQuerySession session, IOptions<Publication> publication, CancellationToken ct) =>
                RssAsync(section, session, publication.Value, ct))
            .WithName("SectionFeed").WithSummary("RSS 2.0 feed of a section's newest articles")
            .Produces<string>(StatusCodes.Status200OK, "application/rss+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        feeds.MapGet("/sitemap.xml", SitemapAsync)
            .WithName("Sitemap").WithSummary("Sitemap of published articles")
            .Produces<string>(StatusCodes.Status200OK, "application/xml");
    }

    private static async Task<IResult> RssAsync(string? section, IQuerySession session, Publication publication, CancellationToken cancellationToken)
    {
        var known = section is null ? null : SectionTree.Find(section);
        if (section is not null && known is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Section not found.",
                detail: $"There is no section '{section}'.", type: "https://newsplatform.dev/problems/section-not-found");

        var pages = await SectionFrontEndpoints.Live(session, section)
            .OrderByDescending(p => p.Article.PublishedAt)
            .Take(FeedSize)
            .ToListAsync(cancellationToken);

        var title = known is null ? publication.Title : $"{publication.Title} — {known.Name}";
        var feed = new SyndicationFeed(title, $"The newest articles of {title}", new Uri(publication.SiteUrl))
        {
            Language = "en",
            LastUpdatedTime = pages.Count > 0 ? pages.Max(p => p.Article.UpdatedAt ?? p.Article.PublishedAt!.Value) : DateTimeOffset.UnixEpoch,
            Items = pages.Select(page => Item(page, publication)).ToList(),
        };

        var xml = new StringBuilder();
        await using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { Async = true, Encoding = Encoding.UTF8 }))
        {
            new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
        }
        return TypedResults.Text(xml.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""),
            "application/rss+xml; charset=utf-8");
    }

    private static SyndicationItem Item(ArticlePage page, Publication publication)
    {
        var article = page.Article;
        var link = publication.ArticleUrl(article.Slug!);
        // Feeds carry the summary (or teaser), never a premium body.
        var description = article.Copy.Summary ?? ArticleText.PlainText(page.Teaser);
        var item = new SyndicationItem(article.Copy.Headline, description, link, link.ToString(), article.UpdatedAt ?? article.PublishedAt!.Value)
        {
            PublishDate = article.PublishedAt!.Value,
        };
        item.Categories.Add(new SyndicationCategory(article.Copy.Section));
        if (article.Copy.Byline is { } byline) item.Authors.Add(new SyndicationPerson { Name = byline });
        return item;
    }

    private static async Task<IResult> SitemapAsync(IQuerySession session, IOptions<Publication> publication, CancellationToken cancellationToken)
    {
        var pages = await SectionFrontEndpoints.Live(session)
            .OrderByDescending(p => p.Article.PublishedAt)
            .Take(SitemapLimit)
            .ToListAsync(cancellationToken);

        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemap = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(ns + "urlset", pages.Select(p => new XElement(ns + "url",
                new XElement(ns + "loc", publication.Value.ArticleUrl(p.Article.Slug!)),
                new XElement(ns + "lastmod", (p.Article.UpdatedAt ?? p.Article.PublishedAt!.Value).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"))))));
        return TypedResults.Text(sitemap.Declaration + "\n" + sitemap.Root, "application/xml; charset=utf-8");
    }
}
