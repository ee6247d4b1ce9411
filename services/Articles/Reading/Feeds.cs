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
        feeds.MapGet("/rss", (HttpContext http, IQuerySession session, IOptions<Publication> publication, CancellationToken ct) =>
                RssAsync(null, http, session, publication.Value, ct))
            .WithName("SiteFeed").WithSummary("RSS 2.0 feed of the newest articles")
            .Produces<string>(StatusCodes.Status200OK, "application/rss+xml");
        feeds.MapGet("/rss/{section}", (string section, HttpContext http, IQuerySession session, IOptions<Publication> publication, CancellationToken ct) =>
                RssAsync(section, http, session, publication.Value, ct))
            .WithName("SectionFeed").WithSummary("RSS 2.0 feed of a section's newest articles")
            .Produces<string>(StatusCodes.Status200OK, "application/rss+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        feeds.MapGet("/sitemap.xml", SitemapIndexAsync)
            .WithName("Sitemap").WithSummary("Sitemap index: the pages of article addresses, the news sitemap, the sections")
            .Produces<string>(StatusCodes.Status200OK, "application/xml");
        feeds.MapGet("/sitemap-articles-{page:int}.xml", SitemapPageAsync)
            .WithName("SitemapPage").WithSummary("One page of the sitemap: up to 50,000 published articles, oldest first")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        feeds.MapGet("/sitemap-news.xml", NewsSitemapAsync)
            .WithName("NewsSitemap").WithSummary("Google News sitemap: the articles of the last 48 hours")
            .Produces<string>(StatusCodes.Status200OK, "application/xml");
        feeds.MapGet("/sitemap-sections.xml", SectionsSitemapAsync)
            .WithName("SectionsSitemap").WithSummary("Sitemap of the front page and the section fronts")
            .Produces<string>(StatusCodes.Status200OK, "application/xml");
    }

    private static async Task<IResult> RssAsync(string? section, HttpContext http, IQuerySession session, Publication publication, CancellationToken cancellationToken)
    {
        var known = section is null ? null : SectionTree.Find(section);
        if (section is not null && known is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Section not found.",
                detail: $"There is no section '{section}'.", type: "https://newsplatform.dev/problems/section-not-found");

        var pages = await SectionFrontEndpoints.Live(session, section)
            .OrderByDescending(p => p.Article.PublishedAt)
            .Take(FeedSize)
            .ToListAsync(cancellationToken);

        http.Tag([CacheTags.Front(section), .. pages.Select(p => CacheTags.Article(p.Id))]);
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

    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);
    public const int NewsLimit = 1000; // Google News reads at most this many

    /// <summary>What a sitemap line needs: the slug and the dates, never the article's text.</summary>
    public sealed record SitemapLine(string Slug, DateTimeOffset PublishedAt, DateTimeOffset? UpdatedAt);

    // The index reads one count; every page of it is a narrow, indexed read of slugs and dates.
    private static async Task<IResult> SitemapIndexAsync(IQuerySession session, IOptions<Publication> publication, CancellationToken cancellationToken)
    {
        var site = publication.Value.SiteUrl.TrimEnd('/');
        var count = await SectionFrontEndpoints.Live(session).CountAsync(cancellationToken);
        var pages = Math.Max(1, (count + SitemapLimit - 1) / SitemapLimit);
        var index = new XElement(Sitemaps + "sitemapindex",
            new XElement(Sitemaps + "sitemap", new XElement(Sitemaps + "loc", $"{site}/sitemap-sections.xml")),
            new XElement(Sitemaps + "sitemap", new XElement(Sitemaps + "loc", $"{site}/sitemap-news.xml")),
            Enumerable.Range(1, pages).Select(n => new XElement(Sitemaps + "sitemap", new XElement(Sitemaps + "loc", $"{site}/sitemap-articles-{n}.xml"))));
        return Xml(index);
    }

    private static async Task<IResult> SitemapPageAsync(int page, IQuerySession session, IOptions<Publication> publication, CancellationToken cancellationToken)
    {
        if (page < 1 || (long)(page - 1) * SitemapLimit > int.MaxValue)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such sitemap page.", type: "https://newsplatform.dev/problems/not-found");
        // Oldest first: a page, once full, stays the same, and new articles fill the last one.
        var lines = await SectionFrontEndpoints.Live(session)
            .OrderBy(p => p.Article.PublishedAt)
            .Skip((page - 1) * SitemapLimit)
            .Take(SitemapLimit)
            .Select(p => new SitemapLine(p.Article.Slug!, p.Article.PublishedAt!.Value, p.Article.UpdatedAt))
            .ToListAsync(cancellationToken);
        if (lines.Count == 0 && page > 1)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such sitemap page.", type: "https://newsplatform.dev/problems/not-found");
        return Xml(new XElement(Sitemaps + "urlset", lines.Select(l => new XElement(Sitemaps + "url",
            new XElement(Sitemaps + "loc", publication.Value.ArticleUrl(l.Slug)),
            new XElement(Sitemaps + "lastmod", Iso(l.UpdatedAt ?? l.PublishedAt))))));
    }

    private static async Task<IResult> NewsSitemapAsync(IQuerySession session, IOptions<Publication> publication, TimeProvider clock, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - NewsWindow;
        var recent = await SectionFrontEndpoints.Live(session)
            .Where(p => p.Article.PublishedAt >= since)
            .OrderByDescending(p => p.Article.PublishedAt)
            .Take(NewsLimit)
            .Select(p => new NewsLine(p.Article.Slug!, p.Article.Copy.Headline, p.Article.PublishedAt!.Value))
            .ToListAsync(cancellationToken);
        return Xml(new XElement(Sitemaps + "urlset", new XAttribute(XNamespace.Xmlns + "news", News),
            recent.Select(l => new XElement(Sitemaps + "url",
                new XElement(Sitemaps + "loc", publication.Value.ArticleUrl(l.Slug)),
                new XElement(News + "news",
                    new XElement(News + "publication", new XElement(News + "name", publication.Value.Title), new XElement(News + "language", "en")),
                    new XElement(News + "publication_date", Iso(l.PublishedAt)),
                    new XElement(News + "title", l.Headline))))));
    }

    private sealed record NewsLine(string Slug, string Headline, DateTimeOffset PublishedAt);

    private static IResult SectionsSitemapAsync(IOptions<Publication> publication)
    {
        var site = publication.Value.SiteUrl.TrimEnd('/');
        // The fronts, and the site's corrections page, which changes whenever a correction is published.
        var fronts = SectionTree.All.SelectMany(s => s.Subsections.Select(sub => $"/{s.Slug}/{sub.Slug}").Prepend($"/{s.Slug}"))
            .Prepend("/").Append("/corrections");
        return Xml(new XElement(Sitemaps + "urlset", fronts.Select(path => new XElement(Sitemaps + "url",
            new XElement(Sitemaps + "loc", site + path), new XElement(Sitemaps + "changefreq", "hourly")))));
    }

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    // Every sitemap changes with publications and takedowns; the index with the count of pages.
    private static IResult Xml(XElement root) => new TaggedResult(TypedResults.Text(new XDeclaration("1.0", "utf-8", null) + "\n" + root, "application/xml; charset=utf-8"), [CacheTags.Sitemap]);

    /// <summary>An answer and the cache tags that go with it.</summary>
    private sealed class TaggedResult(IResult inner, IEnumerable<string> tags) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Tag(tags);
            return inner.ExecuteAsync(http);
        }
    }
}
