using JasperFx;
using Marten;
using NewsPlatform.Articles.Domain;

namespace NewsPlatform.Articles.Newsroom;

/// <summary>
/// Publishes scheduled articles when their time comes. The schedule lives in the event store, so
/// a due article found at start-up (after downtime) is published then; with several replicas,
/// optimistic concurrency lets exactly one publish each article.
/// </summary>
public sealed class ScheduledPublishing(
    IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<ScheduledPublishing> logger)
    : BackgroundService
{
    public const string Scheduler = "scheduler";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Newsroom:ScheduleCheckInterval", TimeSpan.FromSeconds(5));
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                await PublishDueAsync(stoppingToken);
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var session = scope.ServiceProvider.GetRequiredService<IQuerySession>();
            var now = clock.GetUtcNow();
            var due = await session.Query<Article>()
                .Where(a => a.Status == ArticleStatus.Scheduled && a.ScheduledFor <= now)
                .OrderBy(a => a.ScheduledFor)
                .Take(100)
                .ToListAsync(cancellationToken);

            foreach (var article in due)
            {
                await using var publishing = scopes.CreateAsyncScope();
                try
                {
                    await publishing.ServiceProvider.GetRequiredService<ArticlePublisher>()
                        .PublishAsync(article.Id, article.Version, Scheduler, cancellationToken);
                    published++;
                    logger.LogInformation("Published scheduled article {ArticleId}", article.Id);
                }
                catch (Exception e) when (e is ConcurrencyException or ArticleRejected or DocumentAlreadyExistsException)
                {
                    // Changed meanwhile (an editor, another replica): the next round sees the new state.
                    logger.LogInformation("Scheduled article {ArticleId} not published this round: {Reason}", article.Id, e.Message);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Whatever else a race or a fault throws stays with this article: the others are still published.
                    logger.LogWarning(e, "Scheduled article {ArticleId} not published this round", article.Id);
                }
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A background job that threw would stop the whole host (on every replica at once): the next round retries.
            logger.LogWarning("Scheduled publishing will retry: {Error}", e.Message);
        }
        return published;
    }
}
