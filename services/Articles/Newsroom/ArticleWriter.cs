using System.Diagnostics;
using Marten;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>Runs a command against an article's stream: fetch, decide, append — or refuse if stale.</summary>
public sealed class ArticleWriter(IDocumentSession session)
{
    /// <summary>Starts a new stream; the article's first event has version 1.</summary>
    public async Task<Article> StartAsync(DraftArticle command, CancellationToken cancellationToken)
    {
        var events = ArticleDecider.Decide(command, null);
        TagWithTrace();
        session.Events.StartStream<Article>(command.ArticleId, events);
        await session.SaveChangesAsync(cancellationToken);
        return ArticleDecider.Fold(events)! with { Version = events.Count };
    }

    /// <summary>
    /// Appends what the command yields, provided the stream is still at <paramref name="expectedVersion"/>
    /// — both when read and when committed, so of two editors saving at once exactly one wins.
    /// Returns the article as it now is.
    /// </summary>
    public async Task<Article> ExecuteAsync(Guid articleId, long expectedVersion,
        Func<Article, ArticleCommand> command, CancellationToken cancellationToken,
        Action<IDocumentSession, Article>? alongside = null)
    {
        JasperFx.Events.IEventStream<Article> stream;
        try
        {
            stream = await session.Events.FetchForWriting<Article>(articleId, expectedVersion, cancellationToken);
        }
        catch (JasperFx.ConcurrencyException)
        {
            // An unknown id is a 404, not a version conflict; only a failed fetch pays for this check.
            if (await session.Events.FetchStreamStateAsync(articleId, cancellationToken) is null) throw new ArticleNotFound(articleId);
            throw;
        }
        var article = stream.Aggregate ?? throw new ArticleNotFound(articleId);

        var events = ArticleDecider.Decide(command(article), article);
        if (events.Count == 0) return article with { Version = expectedVersion }; // nothing changed

        alongside?.Invoke(session, article);
        TagWithTrace();
        stream.AppendMany(events);
        await session.SaveChangesAsync(cancellationToken);
        return events.Aggregate(article, (state, e) => ArticleDecider.Evolve(state, e)!) with
        {
            Version = expectedVersion + events.Count,
        };
    }

    // The forwarder that later publishes these events to the bus continues this trace, so one
    // publish reads as a single trace from the gateway to the consuming services.
    private void TagWithTrace()
    {
        if (Activity.Current is { } activity) session.SetHeader(EventStoreToBus.TraceParentHeader, activity.Id!);
    }
}

public sealed class ArticleNotFound(Guid articleId) : Exception($"No article has the id {articleId}.");

/// <summary>The article changed since the version a write was based on (412).</summary>
public sealed class StaleArticleVersion() : Exception("The article changed since the version named in If-Match.");
