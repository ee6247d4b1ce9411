using JasperFx.Events;
using Marten.Events.Aggregation;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Projections;

/// <summary>
/// The newsroom's view of each article, kept inline (written in the same transaction as its events)
/// so an editor reads their own change, and its version, at once. Folds with the domain's own
/// <see cref="ArticleDecider.Evolve"/>.
/// </summary>
public sealed class ArticleProjection : SingleStreamProjection<Article, Guid>
{
    public override Article? Evolve(Article? snapshot, Guid id, IEvent e) =>
        ArticleDecider.Evolve(snapshot, e.Data) is { } next ? next with { Version = e.Version } : null;
}
