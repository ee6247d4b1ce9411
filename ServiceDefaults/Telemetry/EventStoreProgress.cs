using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// When the async daemon counts as stuck (configuration <c>EventStore:Health</c>): a projection or
/// subscription further behind the newest event than either limit turns <c>/health</c> Degraded.
/// </summary>
public sealed class EventStoreHealthOptions
{
    /// <summary>Events a projection or subscription may be behind the newest event.</summary>
    public long MaxLagEvents { get; set; } = 1000;

    /// <summary>How old the oldest event a projection or subscription has not processed yet may be.</summary>
    public TimeSpan MaxLagTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the progress gauges are refreshed.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>One projection's or subscription's position and how far it is behind the newest event.</summary>
/// <param name="LagTime">Age of the oldest event it has not processed yet (zero when up to date).</param>
public sealed record ShardProgress(string Shard, long Position, long Lag, TimeSpan LagTime);

/// <param name="NewestEvent">Sequence number of the newest stored event.</param>
/// <param name="HighWaterMark">The daemon's high-water mark: the sequence up to which events are safe to process.</param>
public sealed record EventStoreSnapshot(long NewestEvent, long HighWaterMark, IReadOnlyList<ShardProgress> Shards);

/// <summary>
/// The async daemon's progress, read from the database (so every replica reports the same, whichever
/// runs the daemon): the high-water mark and each projection's and subscription's position, as
/// observable gauges (meter <c>NewsPlatform.EventStore</c>), refreshed every
/// <see cref="EventStoreHealthOptions.SampleInterval"/>.
/// </summary>
public sealed class EventStoreProgress : BackgroundService
{
    public const string MeterName = "NewsPlatform.EventStore";
    public const string ShardTag = "newsplatform.shard";

    private readonly IDocumentStore _store;
    private readonly IOptionsMonitor<EventStoreHealthOptions> _options;
    private readonly ILogger<EventStoreProgress> _logger;
    private volatile EventStoreSnapshot? _latest;

    public EventStoreProgress(IDocumentStore store, IMeterFactory meters, IOptionsMonitor<EventStoreHealthOptions> options,
        ILogger<EventStoreProgress> logger)
    {
        _store = store;
        _options = options;
        _logger = logger;

        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("newsplatform.eventstore.high_water_mark",
            () => _latest is { } s ? [new Measurement<long>(s.HighWaterMark)] : Array.Empty<Measurement<long>>(),
            unit: "{event}", description: "Sequence number up to which the async daemon may process events");
        meter.CreateObservableGauge("newsplatform.eventstore.newest_event",
            () => _latest is { } s ? [new Measurement<long>(s.NewestEvent)] : Array.Empty<Measurement<long>>(),
            unit: "{event}", description: "Sequence number of the newest stored event");
        meter.CreateObservableGauge("newsplatform.eventstore.shard.position",
            () => PerShard(shard => shard.Position),
            unit: "{event}", description: "Sequence number a projection or subscription has processed up to");
        meter.CreateObservableGauge("newsplatform.eventstore.shard.lag",
            () => PerShard(shard => shard.Lag),
            unit: "{event}", description: "Events a projection or subscription is behind the newest event");
        meter.CreateObservableGauge("newsplatform.eventstore.shard.lag.time",
            () => PerShard(shard => shard.LagTime.TotalSeconds),
            unit: "s", description: "Age of the oldest event a projection or subscription has not processed yet");
    }

    /// <summary>The latest sample, if any was taken yet.</summary>
    public EventStoreSnapshot? Latest => _latest;

    private IEnumerable<Measurement<T>> PerShard<T>(Func<ShardProgress, T> value) where T : struct =>
        _latest?.Shards.Select(shard => new Measurement<T>(value(shard), new KeyValuePair<string, object?>(ShardTag, shard.Shard)))
        ?? [];

    /// <summary>Reads the progress now (two small queries plus Marten's progression table).</summary>
    public async Task<EventStoreSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        var progress = await _store.Advanced.AllProjectionProgress(token: cancellationToken);
        var highWaterMark = progress.FirstOrDefault(p => p.ShardName == JasperFx.Events.Projections.ShardState.HighWaterMark)?.Sequence ?? 0;

        // Every shard the daemon should run, also one that never recorded progress (stuck from the start).
        var positions = ExpectedShards().ToDictionary(name => name, _ => 0L);
        foreach (var shard in progress.Where(p => p.ShardName != JasperFx.Events.Projections.ShardState.HighWaterMark))
        {
            positions[shard.ShardName] = shard.Sequence;
        }

        var schema = _store.Options.Events.DatabaseSchemaName;
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);

        await using var newest = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {schema}.mt_events", connection);
        var newestEvent = Convert.ToInt64(await newest.ExecuteScalarAsync(cancellationToken));

        // The age of the first event after each position: how long that shard has kept someone waiting.
        var ages = new Dictionary<long, double>();
        var behind = positions.Values.Where(p => p < newestEvent).Distinct().ToArray();
        if (behind.Length > 0)
        {
            await using var age = new NpgsqlCommand($"""
                select p.position, (select extract(epoch from now() - e.timestamp)::float8 from {schema}.mt_events e
                                    where e.seq_id > p.position order by e.seq_id limit 1)
                from unnest($1::bigint[]) as p(position)
                """, connection) { Parameters = { new() { Value = behind } } };
            await using var reader = await age.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ages[reader.GetInt64(0)] = reader.IsDBNull(1) ? 0 : Math.Max(0, reader.GetDouble(1));
            }
        }

        var snapshot = new EventStoreSnapshot(newestEvent, highWaterMark, positions
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ShardProgress(p.Key, p.Value, Math.Max(0, newestEvent - p.Value),
                TimeSpan.FromSeconds(ages.GetValueOrDefault(p.Value))))
            .ToList());
        _latest = snapshot;
        return snapshot;
    }

    // Async projections and subscriptions alike (AllAsyncProjectionShardNames leaves out subscriptions).
    private IEnumerable<string> ExpectedShards() => _store is DocumentStore { Options: var options }
        ? options.Projections.AllShards().Select(shard => shard.Name.Identity).Distinct()
        : _store.Advanced.AllAsyncProjectionShardNames().Select(name => name.Identity);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.CurrentValue.SampleInterval, stoppingToken);
                await SampleAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database restarting or still being created; the health checks say so.
                _logger.LogDebug("Event store progress not sampled: {Error}", e.Message);
            }
        }
    }
}

/// <summary>
/// <c>event-store</c> health: Degraded, naming the culprit, when a projection or the event-forwarding
/// subscription is stuck or far behind (limits in <see cref="EventStoreHealthOptions"/>).
/// </summary>
public sealed class EventStoreHealthCheck(EventStoreProgress progress, IOptionsMonitor<EventStoreHealthOptions> options) : IHealthCheck
{
    public const string Name = "event-store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        EventStoreSnapshot snapshot;
        try
        {
            snapshot = await progress.SampleAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Event store progress unreadable: {e.Message}");
        }

        var limits = options.CurrentValue;
        var data = snapshot.Shards.ToDictionary(s => s.Shard, s => (object)s.Lag);
        var behind = snapshot.Shards.Where(s => s.Lag > limits.MaxLagEvents || s.LagTime > limits.MaxLagTime).ToList();
        if (behind.Count == 0)
        {
            return HealthCheckResult.Healthy(
                $"{snapshot.Shards.Count} projections and subscriptions within limits (newest event {snapshot.NewestEvent})", data);
        }
        return HealthCheckResult.Degraded(string.Join("; ", behind.Select(s =>
            $"{s.Shard} is {s.Lag} events behind (oldest unprocessed event {s.LagTime.TotalSeconds:0} s old, position {s.Position} of {snapshot.NewestEvent})")),
            data: data);
    }
}

public static class EventStoreProgressExtensions
{
    /// <summary>Progress gauges and the <c>event-store</c> readiness check (part of <c>/health</c>).</summary>
    public static IHostApplicationBuilder AddEventStoreProgress(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<EventStoreHealthOptions>(builder.Configuration.GetSection("EventStore:Health"));
        builder.Services.AddSingleton<EventStoreProgress>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventStoreProgress>());
        builder.Services.AddHealthChecks().AddCheck<EventStoreHealthCheck>(EventStoreHealthCheck.Name, tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
