using System.Diagnostics;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Search.Lucene;
using Npgsql;

namespace NewsPlatform.Search.Indexing;

public sealed record RebuildStatus(
    string State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Events, double? EventsPerSecond, string? Error);

/// <summary>
/// Slice: an administrator rebuilds the whole index from this service's stored events (after a change
/// to how articles are indexed, or to repair it). It runs in the background; the status says how far
/// it got. While it runs, searches see a partly filled index.
/// </summary>
public sealed class IndexRebuild(
    IDocumentStore store, IProjectionCoordinator coordinator, IServiceProvider services, SearchIndexOptions options,
    TimeProvider clock, ILogger<IndexRebuild> logger)
{
    private readonly Lock _gate = new();
    private RebuildStatus _status = new("idle", null, null, 0, null, null);
    private Task? _running;

    public RebuildStatus Status { get { lock (_gate) return _status; } }

    /// <summary>Starts a rebuild unless one is running; returns whether it started.</summary>
    public bool TryStart()
    {
        lock (_gate)
        {
            if (_running is { IsCompleted: false }) return false;
            _status = new RebuildStatus("running", clock.GetUtcNow(), null, 0, null, null);
            _running = Task.Run(RunAsync);
            return true;
        }
    }

    /// <summary>Runs a rebuild to its end (for tests and the benchmark).</summary>
    public async Task<RebuildStatus> RunToEndAsync()
    {
        if (!TryStart()) throw new InvalidOperationException("A rebuild is already running.");
        await _running!;
        return Status;
    }

    private async Task RunAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var statistics = await store.Advanced.FetchEventStoreStatistics();
            var daemon = coordinator.DaemonForMainDatabase();
            if (options.Engine == SearchEngine.Lucene)
            {
                // The article documents first, then every replica refills its copy from them.
                await daemon.RebuildProjectionAsync<SearchableArticleProjection>(TimeSpan.FromMinutes(30), CancellationToken.None);
                var generation = await ArticleIndexFeed.StartNewGenerationAsync(services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None);
                await services.GetRequiredService<ArticleIndexFeed>().WaitForAsync(generation, CancellationToken.None);
            }
            else
            {
                var index = services.GetRequiredService<SearchIndex>();
                await index.ClearForRebuildAsync(CancellationToken.None);
                await daemon.RebuildProjectionAsync<SearchableArticleProjection>(TimeSpan.FromMinutes(30), CancellationToken.None);
                await daemon.RebuildProjectionAsync<SearchIndexProjection>(TimeSpan.FromMinutes(30), CancellationToken.None);
                await index.EnsureSchemaAsync(CancellationToken.None);
            }
            var seconds = stopwatch.Elapsed.TotalSeconds;
            logger.LogInformation("Search index rebuilt from {Events} events in {Seconds:F1} s", statistics.EventCount, seconds);
            Finish(new RebuildStatus("finished", Status.StartedAt, clock.GetUtcNow(), statistics.EventCount,
                Math.Round(statistics.EventCount / Math.Max(seconds, 0.001), 1), null));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Search index rebuild failed");
            Finish(Status with { State = "failed", FinishedAt = clock.GetUtcNow(), Error = e.Message });
        }
    }

    private void Finish(RebuildStatus status) { lock (_gate) _status = status; }
}

public static class IndexRebuildEndpoints
{
    public static void MapIndexRebuild(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/search").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapPost("/rebuild", Start).WithName("RebuildSearchIndex").WithSummary("Rebuild the search index from the stored events");
        admin.MapGet("/rebuild", (IndexRebuild rebuild) => TypedResults.Ok(rebuild.Status))
            .WithName("SearchIndexRebuildStatus").WithSummary("State of the last index rebuild");
    }

    private static Results<Accepted<RebuildStatus>, ProblemHttpResult> Start(IndexRebuild rebuild) => rebuild.TryStart()
        ? TypedResults.Accepted("/api/admin/search/rebuild", rebuild.Status)
        : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A rebuild is already running",
            detail: "Wait for it to finish; its status is at GET /api/admin/search/rebuild.");
}
