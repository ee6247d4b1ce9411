using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace NewsPlatform.Gateway;

/// <summary>
/// The edge's token buckets, one per key (an address, an account, a reader, a partner's key) in each family (a limit's
/// name). With one gateway they live in its memory; with several in the shared edge store (<see cref="EdgeStore"/>), so
/// a limit holds for the whole edge and not once per replica.
/// </summary>
public interface ITokenBuckets
{
    /// <summary>Takes a token from <paramref name="key"/>'s bucket: null if there was one, else how long until the next.</summary>
    ValueTask<TimeSpan?> TakeAsync(string family, BucketSettings bucket, string key);

    /// <summary>Whether the bucket is empty, taking nothing: how long until its next token, or null.</summary>
    ValueTask<TimeSpan?> EmptyAsync(string family, BucketSettings bucket, string key);
}

/// <summary>One gateway's buckets, in its memory.</summary>
public sealed class LocalTokenBuckets : ITokenBuckets, IDisposable
{
    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _families = new();

    public ValueTask<TimeSpan?> TakeAsync(string family, BucketSettings bucket, string key)
    {
        using var lease = Family(family, bucket).AttemptAcquire(key);
        if (lease.IsAcquired) return ValueTask.FromResult<TimeSpan?>(null);
        return ValueTask.FromResult<TimeSpan?>(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : bucket.ToOptions().ReplenishmentPeriod);
    }

    // Asking the limiter for zero permits is no test: it grants them while a fraction of a token is left.
    public ValueTask<TimeSpan?> EmptyAsync(string family, BucketSettings bucket, string key) =>
        ValueTask.FromResult<TimeSpan?>(Family(family, bucket).GetStatistics(key)?.CurrentAvailablePermits is < 1
            ? bucket.ToOptions().ReplenishmentPeriod
            : null);

    private PartitionedRateLimiter<string> Family(string family, BucketSettings bucket) =>
        _families.GetOrAdd(family, _ => PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket.ToOptions())));

    public void Dispose()
    {
        foreach (var limiter in _families.Values) limiter.Dispose();
    }
}

/// <summary>
/// The buckets of every gateway replica, in Redis: one hash per bucket (tokens left, when counted), refilled
/// continuously and taken from in one script, so two replicas never spend the same token. Time is the Redis
/// server's, so the replicas' clocks do not matter. An idle bucket expires once it would be full again.
/// If the store does not answer, the request is let through (counted as <c>newsplatform.gateway.edge_store.failures</c>):
/// a limit that cannot be counted for a moment must not turn the whole site away.
/// </summary>
/// <remarks>
/// Written here rather than taken from a Redis rate-limiting package: the failure limits need to look at a bucket
/// without taking from it, and the package at hand counts in whole seconds of each replica's own clock.
/// </remarks>
public sealed class SharedTokenBuckets(IConnectionMultiplexer redis, EdgeStoreSettings settings, EdgeStoreOutages outages)
    : ITokenBuckets
{
    // KEYS[1] the bucket; ARGV[1] its burst, ARGV[2] tokens per millisecond, ARGV[3] 1 to take a token, 0 to look.
    // Returns 0 when a token was there (and taken), else the milliseconds until the next one.
    private const string Script = """
        local burst = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or burst
        local at = tonumber(state[2]) or now
        tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
        if tokens < 1 then
          return math.ceil((1 - tokens) / rate)
        end
        if ARGV[3] == '1' then
          redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', now)
          redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
        end
        return 0
        """;

    public ValueTask<TimeSpan?> TakeAsync(string family, BucketSettings bucket, string key) => RunAsync(family, bucket, key, take: true);

    public ValueTask<TimeSpan?> EmptyAsync(string family, BucketSettings bucket, string key) => RunAsync(family, bucket, key, take: false);

    private async ValueTask<TimeSpan?> RunAsync(string family, BucketSettings bucket, string key, bool take)
    {
        try
        {
            var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(Script,
                [new RedisKey($"{settings.KeyPrefix}bucket:{family}:{key}")],
                [Math.Max(1, bucket.Burst), bucket.PerMillisecond, take ? 1 : 0]);
            return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
        }
        catch (Exception e) when (EdgeStore.IsUnavailable(e))
        {
            outages.WentOnWithout("buckets", $"the {family} limit goes uncounted", e);
            return null;
        }
    }
}

/// <summary>
/// One shared bucket as a <see cref="RateLimiter"/>, for ASP.NET Core's rate-limiting middleware: its synchronous attempt
/// always declines (a network round trip cannot be made without waiting), and the middleware then waits for
/// <see cref="AcquireAsyncCore"/>, which asks the store.
/// </summary>
public sealed class SharedBucketLimiter(ITokenBuckets buckets, string family, BucketSettings bucket, string key) : RateLimiter
{
    private long _lastUsed = Stopwatch.GetTimestamp();

    // Idle partitions are dropped by the partitioned limiter after a while; the bucket itself stays in the store.
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Declined;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        if (permitCount == 0) return Lease.Granted;
        return await buckets.TakeAsync(family, bucket, key) is { } wait ? new Lease(false, wait) : Lease.Granted;
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Declined = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
