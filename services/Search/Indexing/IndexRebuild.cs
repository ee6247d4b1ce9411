using System.Diagnostics;
using System.Runtime.CompilerServices;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsPlatform.Search.Lucene;
using Npgsql;

namespace NewsPlatform.Search.Indexing;

/// <summary>
/// How far the last index rebuild got. <see cref="Phase"/> is idle (none yet), running,
/// completed or failed. A rebuild reads the stored events in <see cref="Passes"/> passes — the article documents
/// from the events, then the engine's index from those — so <see cref="Total"/> is twice <see cref="Events"/> (the
/// stored events when it started) and <see cref="Processed"/> counts events read over both passes.
/// </summary>
public sealed record RebuildStatus(
    string Phase, long Processed, long Total, double Percent, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long Events, double? EventsPerSecond, string? Error)
{
    public const int Passes = 2;
    public const string Idle = "idle", Running = "running", Completed = "completed", Failed = "failed";

    public static RebuildStatus None { get; } = new(Idle, 0, 0, 0, null, null, 0, null, null);

    /// <summary>
    /// A running rebuild with <paramref name="passesDone"/> whole passes behind it and the current one at stored
    /// event <paramref name="reached"/>. Events stored after the start are not counted (they are indexed anyway).
    /// </summary>
    public static RebuildStatus RunningAt(DateTimeOffset startedAt, long events, int passesDone, long reached)
    {
        var total = Passes * events;
        var processed = Math.Min(total, Math.Clamp(passesDone, 0, Passes) * events + Math.Clamp(reached, 0, events));
        // Rounded down, and short of 100 % until it has ended (the index may still be finishing after the last event).
        var percent = total == 0 ? 0 : Math.Min(99.9, Math.Floor(1000.0 * processed / total) / 10);
        return new(Running, processed, total, percent, startedAt, null, events, null, null);
    }

    public RebuildStatus CompletedAt(DateTimeOffset at)
    {
        var seconds = StartedAt is { } started ? (at - started).TotalSeconds : 0;
        return this with
        {
            Phase = Completed, Processed = Total, Percent = 100, FinishedAt = at,
            EventsPerSecond = Math.Round(Events / Math.Max(seconds, 0.001), 1),
        };
    }

    /// <summary>Failed: the progress stays where it stopped.</summary>
    public RebuildStatus FailedAt(DateTimeOffset at, string error) => this with { Phase = Failed, FinishedAt = at, Error = error };
}

/// <summary>
/// The last rebuild's status as every replica answers it: kept in the service's database by the replica running it
/// (at the start, every second while it runs, at the end), so an admin asking any replica sees the same rebuild.
/// </summary>
public sealed class StoredRebuildStatus
{
    public const string Key = "search-index";
    public string Id { get; set; } = Key;
    public RebuildStatus Status { get; set; } = RebuildStatus.None;
}

/// <summary>
/// Slice: an administrator rebuilds the whole index from this service's stored events (after a change
/// to how articles are indexed, or to repair it). It runs in the background; the status says how far
/// it got, alike on every replica (<see cref="StoredRebuildStatus"/>). While it runs, searches see a partly
/// filled index. One rebuild runs at a time across replicas.
/// </summary>
public sealed class IndexRebuild(
    IDocumentStore store, IProjectionCoordinator coordinator, IServiceProvider services, SearchIndexOptions options,
    TimeProvider clock, ILogger<IndexRebuild> logger)
{
    private static readonly TimeSpan PassTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private RebuildStatus _status = RebuildStatus.None;
    private Task? _running;
    // While a rebuild runs: its passes done, and where the current pass is (read when the status is asked for).
    private long _events;
    private int _passesDone;
    private Func<long> _reached = () => 0;

    /// <summary>This replica's own rebuild, as it stands (idle if it has run none).</summary>
    public RebuildStatus Status
    {
        get
        {
            lock (_gate)
                return _status.Phase == RebuildStatus.Running
                    ? RebuildStatus.RunningAt(_status.StartedAt!.Value, _events, _passesDone, _reached())
                    : _status;
        }
    }

    public const string LeaseName = "newsplatform.search.rebuild";

    /// <summary>
    /// The last rebuild, whichever replica runs or ran it: this one's own while it runs one, else the stored status. A
    /// stored "running" whose lease nobody holds was left by a replica that stopped mid-rebuild: it is reported failed.
    /// </summary>
    public async Task<RebuildStatus> StatusAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            if (_running is { IsCompleted: false }) return Status;
        await using var session = store.QuerySession();
        var stored = (await session.LoadAsync<StoredRebuildStatus>(StoredRebuildStatus.Key, cancellationToken))?.Status ?? RebuildStatus.None;
        if (stored.Phase != RebuildStatus.Running) return stored;
        await using var free = await PostgresLease.TryTakeAsync(ConnectionString, LeaseName, cancellationToken);
        return free is null ? stored : stored.FailedAt(clock.GetUtcNow(), "The replica running the rebuild stopped before it ended.");
    }

    private string ConnectionString => services.GetRequiredService<IConfiguration>().GetConnectionString("searchdb")!;

    /// <summary>
    /// Starts a rebuild unless one is running — here or on another replica: the rebuild holds a
    /// <see cref="PostgresLease"/> from start to end (a replica that dies mid-rebuild lets it go with its connection).
    /// Returns whether it started.
    /// </summary>
    public async Task<bool> TryStartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
            if (_running is { IsCompleted: false }) return false;
        var lease = await PostgresLease.TryTakeAsync(ConnectionString, LeaseName, cancellationToken);
        if (lease is null) return false;
        lock (_gate)
        {
            if (_running is { IsCompleted: false })
            {
                _ = lease.DisposeAsync().AsTask();
                return false;
            }
            (_events, _passesDone, _reached) = (0, 0, () => 0);
            _status = RebuildStatus.RunningAt(clock.GetUtcNow(), 0, 0, 0);
            _running = Task.Run(async () =>
            {
                // Stored before the lease goes, so a replica that finds the lease free finds the end stored too.
                await using (lease)
                {
                    using var ended = new CancellationTokenSource();
                    var progress = KeepStoringAsync(ended.Token);
                    await RunAsync();
                    await ended.CancelAsync();
                    await progress;
                    await StoreAsync(Status);
                }
            }, CancellationToken.None);
            return true;
        }
    }

    /// <summary>Runs a rebuild to its end (for tests and the benchmark).</summary>
    public async Task<RebuildStatus> RunToEndAsync()
    {
        if (!await TryStartAsync()) throw new InvalidOperationException("A rebuild is already running.");
        await _running!;
        return Status;
    }

    private async Task RunAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            var events = await LastStoredEventAsync(dataSource);
            lock (_gate) _events = events;
            var daemon = coordinator.DaemonForMainDatabase();
            if (options.Engine == SearchEngine.Lucene)
            {
                // The article documents first, then every replica refills its copy from them; this one's copy is the
                // second pass's progress (the others refill alongside).
                await ReplayAsync(daemon, new SearchableArticleProjection().Name, pass: 0,
                    () => daemon.RebuildProjectionAsync<SearchableArticleProjection>(PassTimeout, CancellationToken.None));
                var generation = await ArticleIndexFeed.StartNewGenerationAsync(dataSource, CancellationToken.None);
                var index = services.GetRequiredService<ArticleIndex>();
                Pass(1, () => index.Origin == generation ? index.Checkpoint : 0);
                await services.GetRequiredService<ArticleIndexFeed>().WaitForAsync(generation, CancellationToken.None);
            }
            else
            {
                var index = services.GetRequiredService<SearchIndex>();
                await index.ClearForRebuildAsync(CancellationToken.None);
                await ReplayAsync(daemon, new SearchableArticleProjection().Name, pass: 0,
                    () => daemon.RebuildProjectionAsync<SearchableArticleProjection>(PassTimeout, CancellationToken.None));
                await ReplayAsync(daemon, new SearchIndexProjection().Name, pass: 1,
                    () => daemon.RebuildProjectionAsync<SearchIndexProjection>(PassTimeout, CancellationToken.None));
                // Every event is read by now; building the text indexes is the rest (still "running", at 99.9 %).
                await index.EnsureSchemaAsync(CancellationToken.None);
            }
            logger.LogInformation("Search index rebuilt from {Events} events in {Seconds:F1} s", events, stopwatch.Elapsed.TotalSeconds);
            Finish(status => status.CompletedAt(clock.GetUtcNow()));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Search index rebuild failed");
            Finish(status => status.FailedAt(clock.GetUtcNow(), e.Message));
        }
    }

    private async Task KeepStoringAsync(CancellationToken ended)
    {
        while (!ended.IsCancellationRequested)
        {
            await StoreAsync(Status);
            try { await Task.Delay(ProgressInterval, clock, ended); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task StoreAsync(RebuildStatus status)
    {
        try
        {
            await using var session = store.LightweightSession();
            session.Store(new StoredRebuildStatus { Status = status });
            await session.SaveChangesAsync();
        }
        catch (NpgsqlException e)
        {
            // The rebuild goes on; the other replicas see its progress again at the next store.
            logger.LogWarning("The rebuild's status could not be stored: {Error}", e.Message);
        }
    }

    /// <summary>One pass through a projection rebuild; the daemon reports each batch it commits to its tracker.</summary>
    private async Task ReplayAsync(IProjectionDaemon daemon, string projection, int pass, Func<Task> rebuild)
    {
        var reached = new StrongBox<long>();
        using var watching = daemon.Tracker.Subscribe(new ShardProgress(projection + ":", sequence =>
        {
            lock (reached) reached.Value = Math.Max(reached.Value, sequence);
        }));
        Pass(pass, () => { lock (reached) return reached.Value; });
        await rebuild();
    }

    private void Pass(int pass, Func<long> reached)
    {
        lock (_gate) (_passesDone, _reached) = (pass, reached);
    }

    /// <summary>The last stored event's sequence number: the events a pass reads (rolled-back numbers included, rarely any).</summary>
    private async Task<long> LastStoredEventAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT coalesce(max(seq_id), 0) FROM {store.Options.Events.DatabaseSchemaName}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private void Finish(Func<RebuildStatus, RebuildStatus> end)
    {
        var last = Status; // the progress as it stood
        lock (_gate) _status = end(last);
    }

    private sealed class ShardProgress(string shardPrefix, Action<long> reached) : IObserver<ShardState>
    {
        public void OnNext(ShardState state)
        {
            if (state.ShardName.StartsWith(shardPrefix, StringComparison.Ordinal)) reached(state.Sequence);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}

public static class IndexRebuildEndpoints
{
    public static void MapIndexRebuild(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/search").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapPost("/rebuild", Start).WithName("RebuildSearchIndex").WithSummary("Rebuild the search index from the stored events")
            .WithDescription("202 with the status; 409 rebuild-running while one runs (on any replica).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/rebuild", async (IndexRebuild rebuild, CancellationToken cancellationToken) => TypedResults.Ok(await rebuild.StatusAsync(cancellationToken)))
            .WithName("SearchIndexRebuildStatus").WithSummary("Phase and progress of the last index rebuild, on whichever replica it runs");
    }

    private static async Task<Results<Accepted<RebuildStatus>, ProblemHttpResult>> Start(IndexRebuild rebuild, CancellationToken cancellationToken) =>
        await rebuild.TryStartAsync(cancellationToken)
            ? TypedResults.Accepted("/api/admin/search/rebuild", rebuild.Status)
            : SearchProblems.RebuildRunning(await rebuild.StatusAsync(cancellationToken));
}
