using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace NewsPlatform.Gateway;

/// <summary>Configuration <c>EdgeStore</c>: how the replicas' shared state is named in Redis.</summary>
public sealed class EdgeStoreSettings
{
    /// <summary>Before every key the gateway writes: one store may serve several platforms (or test runs) apart.</summary>
    public string KeyPrefix { get; set; } = "newsplatform:edge:";

    /// <summary>The longest a request waits for the store before it goes on without it.</summary>
    public int TimeoutMilliseconds { get; set; } = 500;
}

/// <summary>
/// What the gateway must know alike on every replica: the rate limits' buckets (<see cref="ITokenBuckets"/>), the
/// API-key answers (<see cref="ApiKeyChecker"/>) and the cached answers (output cache, so a purge on one replica is a
/// purge for all). With <c>ConnectionStrings:edge</c> (the AppHost sets it when it runs more than one gateway) they are
/// kept in that Redis; without it in the gateway's own memory, as one gateway needs.
/// The store is never a reason to refuse a reader: when it does not answer, limits go uncounted, a key is asked of
/// the identity service again and an answer is fetched from its service, and <c>/health</c> says so under "downstream".
/// </summary>
public static class EdgeStore
{
    public const string ConnectionName = "edge";

    public static bool IsShared(IConfiguration configuration) => !string.IsNullOrEmpty(configuration.GetConnectionString(ConnectionName));

    /// <summary>The store did not answer (down, unreachable or too slow): the request goes on without it.</summary>
    public static bool IsUnavailable(Exception e) => e is RedisException or RedisTimeoutException;

    public static IHostApplicationBuilder AddEdgeStore(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("EdgeStore").Get<EdgeStoreSettings>() ?? new();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<EdgeStoreOutages>();
        if (!IsShared(builder.Configuration))
        {
            builder.Services.AddSingleton<ITokenBuckets, LocalTokenBuckets>();
            builder.Services.AddDistributedMemoryCache();
            return builder; // and the output cache's own memory store
        }

        var options = ConfigurationOptions.Parse(builder.Configuration.GetConnectionString(ConnectionName)!);
        options.AbortOnConnectFail = false; // start, and keep serving, while the store is away; it reconnects by itself
        options.ConnectTimeout = Math.Max(options.ConnectTimeout, 2000);
        options.AsyncTimeout = settings.TimeoutMilliseconds;
        options.SyncTimeout = settings.TimeoutMilliseconds;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton<ITokenBuckets, SharedTokenBuckets>();

        builder.Services.AddStackExchangeRedisCache(_ => { });
        builder.Services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((cache, redis) =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
            cache.InstanceName = settings.KeyPrefix + "keys:";
        });

        builder.Services.AddStackExchangeRedisOutputCache(_ => { });
        builder.Services.AddOptions<RedisOutputCacheOptions>().Configure<IConnectionMultiplexer>((cache, redis) =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis);
            cache.InstanceName = settings.KeyPrefix + "answers:";
        });
        DecorateOutputCacheStore(builder.Services);

        // Shown under "downstream": the gateway serves without it.
        builder.Services.AddHealthChecks().AddRoundTripCheck("edge-store",
            services => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync(), IsUnavailable, GatewayModule.DownstreamTag);
        return builder;
    }

    /// <summary>Puts <see cref="SharedAnswers"/> around Redis's output-cache store, the only store of answers.</summary>
    private static void DecorateOutputCacheStore(IServiceCollection services)
    {
        var registrations = services.Where(d => d.ServiceType == typeof(IOutputCacheStore)).ToList();
        var redis = registrations.Last();
        foreach (var registration in registrations) services.Remove(registration);
        services.AddSingleton<IOutputCacheStore>(sp => new SharedAnswers(
            (IOutputCacheBufferStore)(redis.ImplementationFactory?.Invoke(sp)
                ?? redis.ImplementationInstance
                ?? ActivatorUtilities.CreateInstance(sp, redis.ImplementationType!)),
            sp.GetRequiredService<EdgeStoreOutages>()));
    }
}

/// <summary>
/// The shared output cache, read as a cache should be when its store is away: a lookup that fails is a miss and
/// a store that fails is skipped. An eviction that fails is an error, so the purge's message is tried again.
/// </summary>
public sealed class SharedAnswers(IOutputCacheBufferStore store, EdgeStoreOutages outages)
    : IOutputCacheBufferStore, IDisposable
{
    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => store.EvictByTagAsync(tag, cancellationToken);

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try { return await store.GetAsync(key, cancellationToken); }
        catch (Exception e) when (EdgeStore.IsUnavailable(e)) { Failed(e); return null; }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        try { return await store.TryGetAsync(key, destination, cancellationToken); }
        catch (Exception e) when (EdgeStore.IsUnavailable(e)) { Failed(e); return false; }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try { await store.SetAsync(key, value, tags, validFor, cancellationToken); }
        catch (Exception e) when (EdgeStore.IsUnavailable(e)) { Failed(e); }
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try { await store.SetAsync(key, value, tags, validFor, cancellationToken); }
        catch (Exception e) when (EdgeStore.IsUnavailable(e)) { Failed(e); }
    }

    private void Failed(Exception e) => outages.WentOnWithout("answers", "answers come from their services", e);

    public void Dispose() => (store as IDisposable)?.Dispose();
}

/// <summary>
/// The requests that went on without the shared store: each one counted (<c>newsplatform.gateway.edge_store.failures</c>),
/// a warning logged at most every 30 s — during an outage every request meets it, and a warning per request would
/// put the log's cost on the hot path and bury everything else.
/// </summary>
public sealed class EdgeStoreOutages(GatewayMetrics metrics, ILogger<EdgeStoreOutages> logger)
{
    private const long LogEveryMilliseconds = 30_000;
    private long _lastLogged = long.MinValue / 2;

    public void WentOnWithout(string part, string consequence, Exception e)
    {
        metrics.EdgeStoreFailed(part);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastLogged);
        if (now - last < LogEveryMilliseconds || Interlocked.CompareExchange(ref _lastLogged, now, last) != last) return;
        logger.LogWarning("The edge store did not answer ({Part}); {Consequence}: {Error}", part, consequence, e.Message);
    }
}
