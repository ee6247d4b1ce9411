using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsPlatform.Search.Indexing;
using NewsPlatform.Search.Telemetry;
using Npgsql;

namespace NewsPlatform.Search.Lucene;

/// <summary>
/// Keeps this replica's <see cref="ArticleIndex"/> up with the service's event store. It reads the
/// stored events in sequence order after the index's checkpoint and writes each touched article's
/// current state (the inline <see cref="SearchableArticle"/> projection, committed with the event).
/// Every replica runs one and follows the same store, so all copies converge.
/// <para>
/// The consumer's transaction sends a PostgreSQL notification as it commits, which wakes every
/// replica's feed at once (an article is searchable milliseconds after it is stored); a poll each
/// second covers a lost connection. A rebuild changes the store's index generation ("origin"): each
/// replica sees it, empties its copy and refills it from the first event.
/// </para>
/// </summary>
public sealed class ArticleIndexFeed(
    ArticleIndex index, IDocumentStore store, NpgsqlDataSource dataSource, ILogger<ArticleIndexFeed> logger, SearchMetrics? metrics = null)
    : BackgroundService
{
    public const string Channel = "newsplatform_search_index";
    /// <summary>The notification payload that announces a new index generation (a plain one announces new events).</summary>
    private const string NewGeneration = "generation";
    private const int BatchSize = 1000;

    /// <summary>
    /// A sequence number missing below later committed events is usually a transaction still
    /// committing; one missing for this long was rolled back, and is passed over.
    /// </summary>
    private static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(3);
    /// <summary>How often the copy is written durably; a restart re-applies at most this much (idempotently).</summary>
    private static readonly TimeSpan CommitEvery = TimeSpan.FromSeconds(30);

    /// <summary>After this many articles written in one catch-up (a fill or a refill), the copy is compacted.</summary>
    private const int CompactAfter = 5000;
    private int _applied;
    private readonly List<DateTimeOffset> _visible = [];

    private readonly SemaphoreSlim _wake = new(0);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (long Sequence, DateTime Since)? _gap;
    private readonly SortedSet<long> _appliedAhead = [];
    private volatile bool _checkOrigin = true;

    /// <summary>Completes once the copy has caught up with the store after start-up.</summary>
    public Task Ready => _ready.Task;

    /// <summary>The event sequence this copy has reached.</summary>
    public long Checkpoint => index.Checkpoint;

    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    /// <summary>Ensures the origin table exists; a store without one gets its first generation.</summary>
    public static async Task EnsureOriginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS search_index_origin (single boolean PRIMARY KEY DEFAULT true CHECK (single), origin uuid NOT NULL);
            INSERT INTO search_index_origin (origin) VALUES (gen_random_uuid()) ON CONFLICT DO NOTHING;
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Guid> ReadOriginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT origin FROM search_index_origin", connection);
        return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Starts a new index generation: every replica's copy is emptied and refilled. Returns its id.</summary>
    public static async Task<Guid> StartNewGenerationAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await EnsureOriginAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"UPDATE search_index_origin SET origin = gen_random_uuid() RETURNING origin; SELECT pg_notify('{Channel}', '{NewGeneration}')", connection);
        return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Waits until this replica's copy of the given generation has reached every event stored so far.</summary>
    public async Task WaitForAsync(Guid origin, CancellationToken cancellationToken)
    {
        long sequence;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var last = new NpgsqlCommand($"SELECT coalesce(max(seq_id), 0) FROM {store.Options.Events.DatabaseSchemaName}.mt_events", connection))
            sequence = (long)(await last.ExecuteScalarAsync(cancellationToken))!;
        _checkOrigin = true;
        Wake();
        while (index.Origin != origin || index.Checkpoint < sequence)
            await Task.Delay(50, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var originReady = false;
        if (index.Discarded is { } reason)
            logger.LogWarning("Search index ({Location}) on disk was unreadable and is refilled from the event store: {Reason}", index.Location, reason);
        var listening = ListenAsync(stoppingToken);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var lastCommit = DateTime.UtcNow;
        var uncommitted = false;
        var compacting = Task.CompletedTask;
        var committing = Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!originReady)
                {
                    await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                    await EnsureOriginAsync(connection, stoppingToken);
                    originReady = true;
                }
                var changed = await CatchUpAsync(stoppingToken);
                uncommitted |= changed;
                if (changed)
                {
                    index.Refresh();
                    var now = DateTimeOffset.UtcNow;
                    foreach (var storedAt in _visible) metrics?.Visible(now - storedAt);
                }
                _visible.Clear();
                if (!_ready.Task.IsCompleted)
                {
                    // A replica filling its copy at start-up merges it before taking traffic: it then
                    // answers at full speed from its first query, instead of merging under load.
                    if (_applied >= CompactAfter) index.Compact();
                    _ready.TrySetResult();
                    logger.LogInformation("Search index ({Location}) caught up with the event store at stored event {Checkpoint} in {Seconds:F1} s",
                        index.Location, index.Checkpoint, started.Elapsed.TotalSeconds);
                }
                else if (_applied >= CompactAfter && compacting.IsCompleted)
                    compacting = Task.Run(() =>
                    {
                        // A refill while serving (a rebuild): merged in the background, the feed keeps the copy current meanwhile.
                        var timer = System.Diagnostics.Stopwatch.StartNew();
                        index.Compact();
                        logger.LogInformation("Search index compacted to one segment in {Seconds:F1} s", timer.Elapsed.TotalSeconds);
                    }, CancellationToken.None);
                _applied = 0;
                if (uncommitted && DateTime.UtcNow - lastCommit > CommitEvery && committing.IsCompleted)
                {
                    // Syncing files to disk can take a second: in the background, so changes stay searchable at once.
                    committing = Task.Run(index.Commit, CancellationToken.None);
                    (lastCommit, uncommitted) = (DateTime.UtcNow, false);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The search index could not follow the event store; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
            // Woken by a notification, or the poll: a poll also looks at the generation, in case a
            // notification was missed while the listening connection was down.
            var woken = await _wake.WaitAsync(_gap is null ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(50), stoppingToken)
                .ContinueWith(t => t.IsCompletedSuccessfully && t.Result, CancellationToken.None);
            if (!woken) _checkOrigin = true;
        }
        await compacting.ContinueWith(_ => { }, CancellationToken.None);
        await committing.ContinueWith(_ => { }, CancellationToken.None);
        index.Commit(); // what was applied, and any compaction
        await listening;
    }

    /// <summary>Applies every event stored after the checkpoint; returns whether anything changed.</summary>
    private async Task<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var changed = false;
        // The generation is read at start-up, when one is announced and on each poll; not per event.
        if (_checkOrigin)
        {
            _checkOrigin = false;
            var origin = await ReadOriginAsync(connection, cancellationToken);
            if (origin != index.Origin)
            {
                logger.LogInformation("Search index generation {Origin}: filling this replica's copy ({Location}) from the first stored event",
                    origin, index.Location);
                index.Reset(origin);
                (_gap, _applied) = (null, 0);
                _appliedAhead.Clear();
                changed = true;
            }
        }

        var events = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = new List<(long Sequence, Guid Article, DateTimeOffset StoredAt)>(BatchSize);
            await using (var command = new NpgsqlCommand(
                $"SELECT seq_id, stream_id, timestamp FROM {events} WHERE seq_id > $1 ORDER BY seq_id LIMIT {BatchSize}", connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = index.Checkpoint });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    batch.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }

            var fresh = batch.Where(e => !_appliedAhead.Contains(e.Sequence)).ToList();
            if (fresh.Count > 0)
            {
                await using var session = store.QuerySession();
                var articles = await session.LoadManyAsync<SearchableArticle>(cancellationToken, fresh.Select(e => e.Article).Distinct());
                var written = index.Apply(articles);
                foreach (var e in fresh) _appliedAhead.Add(e.Sequence);
                _applied += written;
                // Live changes, not a fill.
                if (written > 0 && fresh.Count < 100) _visible.AddRange(fresh.Select(e => e.StoredAt));
                changed |= written > 0;
            }
            var advanced = Advance();
            if (batch.Count < BatchSize || !advanced) return changed;
        }
        return changed;
    }

    /// <summary>
    /// Moves the checkpoint over the events applied in an unbroken run after it. Events are applied as
    /// soon as they are visible, even past a hole (a lower sequence number whose transaction is still
    /// committing): each writes its article's current state, so the order does not matter, and the hole
    /// is applied when it appears. A hole still there after <see cref="GapPatience"/> was rolled back.
    /// </summary>
    private bool Advance()
    {
        var checkpoint = index.Checkpoint;
        while (_appliedAhead.Count > 0)
        {
            if (_appliedAhead.Min == checkpoint + 1)
            {
                checkpoint = _appliedAhead.Min;
                _appliedAhead.Remove(checkpoint);
                _gap = null;
                continue;
            }
            var missing = checkpoint + 1;
            if (_gap is not { } gap || gap.Sequence != missing) { _gap = (missing, DateTime.UtcNow); break; }
            if (DateTime.UtcNow - gap.Since < GapPatience) break;
            logger.LogDebug("Events {From}–{To} never appeared (rolled back); passing over them", missing, _appliedAhead.Min - 1);
            checkpoint = _appliedAhead.Min - 1;
        }
        if (_appliedAhead.Count == 0) _gap = null;
        var moved = checkpoint > index.Checkpoint;
        index.Advance(checkpoint);
        return moved;
    }

    /// <summary>Wakes the feed on each notification; reconnects after a lost connection.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload == NewGeneration) _checkOrigin = true;
                    Wake();
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _checkOrigin = true; // anything announced or committed before the LISTEN
                Wake();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogDebug(e, "Lost the search index notification connection; the feed polls until it is back");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }
}

/// <summary>
/// Not ready until this replica's copy has caught up with the event store after start-up: a replica
/// filling its index would answer with partial results, so it takes no traffic until then.
/// </summary>
public sealed class ArticleIndexHealthCheck(ArticleIndexFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(feed.Ready.IsCompleted
            ? HealthCheckResult.Healthy($"Search index at stored event {feed.Checkpoint}")
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"Filling this replica's search index from the event store (at stored event {feed.Checkpoint})"));
}
