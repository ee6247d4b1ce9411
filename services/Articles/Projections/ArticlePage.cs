using JasperFx.Events;
using Marten.Events.Aggregation;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Projections;

/// <summary>
/// The public side of an article: what section fronts, article pages, feeds and the sitemap read.
/// Kept inline, in the transaction of the newsroom's change: what publishing answered is readable at once,
/// and an edge that purges its caches on the change's event never refetches the page from before it.
/// Readers are shown only pages whose article is live.
/// </summary>
/// <param name="Teaser">The first paragraph: all a reader without access sees of a premium body.</param>
public sealed record ArticlePage(Guid Id, Article Article, string Teaser);

public sealed class ArticlePageProjection : SingleStreamProjection<ArticlePage, Guid>
{
    public override ArticlePage? Evolve(ArticlePage? snapshot, Guid id, IEvent e) =>
        ArticleDecider.Evolve(snapshot?.Article, e.Data) is { } article
            ? new ArticlePage(id, article with { Version = e.Version }, ArticleText.FirstParagraph(article.Copy.Body))
            : null;
}
