using System.Diagnostics;
using Marten;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>Runs a command against an article's stream: fetch, decide, append — or refuse if stale.</summary>
public sealed class ArticleWriter(IDocumentSession session)
{
    /// <summary>Starts a new stream; the article's first event has version 1.</summary>
    public async Task<long> StartAsync(DraftArticle command, CancellationToken cancellationToken)
    {
        var events = ArticleDecider.Decide(command, null);
        TagWithTrace();
        session.Events.StartStream<Article>(command.ArticleId, events);
        await session.SaveChangesAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>
    /// Appends what <paramref name="decide"/> yields, provided the stream is still at
    /// <paramref name="expectedVersion"/> — both when read and when committed, so of two editors
    /// saving at once exactly one wins. Returns the new version.
    /// </summary>
    public async Task<long> ExecuteAsync(Guid articleId, long expectedVersion,
        Func<Article, ArticleCommand> command, CancellationToken cancellationToken,
        Action<IDocumentSession, Article>? alongside = null)
    {
        // An unknown id is a 404, not a version conflict.
        _ = await session.Events.FetchStreamStateAsync(articleId, cancellationToken) ?? throw new ArticleNotFound(articleId);
        var stream = await session.Events.FetchForWriting<Article>(articleId, expectedVersion, cancellationToken);
        var article = stream.Aggregate ?? throw new ArticleNotFound(articleId);
        var events = ArticleDecider.Decide(command(article), article);
        alongside?.Invoke(session, article);
        TagWithTrace();
        stream.AppendMany(events);
        await session.SaveChangesAsync(cancellationToken);
        return expectedVersion + events.Count;
    }

    // The forwarder that later publishes these events to the bus continues this trace, so one
    // publish reads as a single trace from the gateway to the consuming services.
    private void TagWithTrace()
    {
        if (Activity.Current is { } activity) session.SetHeader(TraceHeaders.TraceParent, activity.Id!);
    }
}

public static class TraceHeaders
{
    public const string TraceParent = "traceparent";
}

public sealed class ArticleNotFound(Guid articleId) : Exception($"No article has the id {articleId}.");
