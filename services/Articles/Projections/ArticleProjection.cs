using JasperFx.Events;
using Marten.Events.Aggregation;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Projections;

/// <summary>
/// The newsroom's view of each article, kept inline (written in the same transaction as its events)
/// so an editor reads their own change at once. It folds with the domain's own <see cref="Article.Evolve"/>.
/// </summary>
public sealed class ArticleProjection : SingleStreamProjection<Article, Guid>
{
    public override Article? Evolve(Article? snapshot, Guid id, IEvent e) => ArticleDecider.Evolve(snapshot, e.Data);
}
