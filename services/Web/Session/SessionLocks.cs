using StackExchange.Redis;

namespace NewsPlatform.Web.Session;

/// <summary>Makes the requests of one session wait for each other around a token renewal (see <see cref="TokenRenewal"/>).</summary>
public interface ISessionLocks
{
    Task<IDisposable> HoldAsync(string sessionKey, CancellationToken cancellationToken);
}

/// <summary>Striped locks by session key, within this replica: requests of one session wait for each other, other sessions rarely do.</summary>
public sealed class LocalSessionLocks : ISessionLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> HoldAsync(string sessionKey, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(StringComparer.Ordinal.GetHashCode(sessionKey) & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Release(() => stripe.Release());
    }

    internal sealed class Release(Action release) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) release();
        }
    }
}

/// <summary>
/// The session's lock across every replica of the site: this replica's own stripe first (its requests queue there,
/// not on the store), then a lease in Redis that another replica's request waits for. The lease lapses by itself, so a
/// replica that dies holding it delays the session's next renewal by at most <see cref="Lease"/>.
/// </summary>
public sealed class SharedSessionLocks(LocalSessionLocks local, IConnectionMultiplexer redis, SessionStorageSettings settings,
    ILogger<SharedSessionLocks> logger) : ISessionLocks
{
    /// <summary>Longer than a renewal can take (the identity client gives up after 10 s).</summary>
    internal static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    public async Task<IDisposable> HoldAsync(string sessionKey, CancellationToken cancellationToken)
    {
        var held = await local.HoldAsync(sessionKey, cancellationToken);
        try
        {
            var database = redis.GetDatabase();
            RedisKey name = settings.KeyPrefix + "renewing:" + sessionKey;
            RedisValue holder = Guid.NewGuid().ToString("N");
            while (!await database.LockTakeAsync(name, holder, Lease))
                await Task.Delay(Poll, cancellationToken);
            return new LocalSessionLocks.Release(() =>
            {
                // Released in the background: the answer need not wait for it, and a lease not released lapses anyway.
                _ = database.LockReleaseAsync(name, holder, CommandFlags.FireAndForget);
                held.Dispose();
            });
        }
        catch (Exception e) when (SessionStorage.IsUnavailable(e))
        {
            // The tickets live in the same store, so the renewal that follows fails on it too and the page says so.
            logger.LogWarning("Session lock not taken, the store did not answer: {Error}", e.Message);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }
}
