using System.Diagnostics;
using Marten;
using NewsPlatform.Articles.Domain;
using NewsPlatform.Articles.Telemetry;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>
/// Runs a command against an article's stream: fetch, decide, append — or refuse if stale. Every
/// command is timed, and its span and logs carry the article id.
/// </summary>
public sealed class ArticleWriter(IDocumentSession session, ArticlesMetrics metrics, ILogger<ArticleWriter> logger)
{
    /// <summary>Starts a new stream; the article's first event has version 1.</summary>
    public Task<Article> StartAsync(DraftArticle command, CancellationToken cancellationToken) =>
        MeasuredAsync(command.ArticleId, nameof(DraftArticle), async () =>
        {
            var events = ArticleDecider.Decide(command, null);
            TagWithTrace();
            session.Events.StartStream<Article>(command.ArticleId, events);
            await session.SaveChangesAsync(cancellationToken);
            return ArticleDecider.Fold(events)! with { Version = events.Count };
        });

    /// <summary>
    /// Appends what the command yields, provided the stream is still at <paramref name="expectedVersion"/>
    /// — both when read and when committed, so of two editors saving at once exactly one wins.
    /// Returns the article as it now is.
    /// </summary>
    public Task<Article> ExecuteAsync(Guid articleId, long expectedVersion,
        Func<Article, ArticleCommand> command, CancellationToken cancellationToken,
        Action<IDocumentSession, Article>? alongside = null)
    {
        var name = "Unknown"; // known once the article is read and the command built
        return MeasuredAsync(articleId, () => name, async () =>
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

            var decided = command(article);
            name = decided.GetType().Name;
            var events = ArticleDecider.Decide(decided, article);
            if (events.Count == 0) return article with { Version = expectedVersion }; // nothing changed

            alongside?.Invoke(session, article);
            TagWithTrace();
            stream.AppendMany(events);
            await session.SaveChangesAsync(cancellationToken);
            var after = events.Aggregate(article, (state, e) => ArticleDecider.Evolve(state, e)!);
            metrics.Appended(events, after.Copy.Section);
            logger.LogInformation("{Command} appended {Count} events to article {ArticleId}", name, events.Count, articleId);
            return after with { Version = expectedVersion + events.Count };
        });
    }

    private Task<Article> MeasuredAsync(Guid articleId, string command, Func<Task<Article>> run) =>
        MeasuredAsync(articleId, () => command, run);

    private async Task<Article> MeasuredAsync(Guid articleId, Func<string> command, Func<Task<Article>> run)
    {
        PlatformTelemetry.TagArticle(articleId);
        using var scope = logger.BeginArticleScope(articleId);
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await run();
        }
        catch (Exception e)
        {
            outcome = e.GetType().Name;
            throw;
        }
        finally
        {
            metrics.Command(command(), Stopwatch.GetElapsedTime(started), outcome);
        }
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
