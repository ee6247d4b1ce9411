using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NewsPlatform.Web.Session;

/// <summary>Configuration <c>Sessions</c>: how the site's shared session state is named in Redis.</summary>
public sealed class SessionStorageSettings
{
    /// <summary>Before every key the site writes: the gateway's edge state shares the store under its own prefix.</summary>
    public string KeyPrefix { get; set; } = "newsplatform:site:";

    /// <summary>The longest a request waits for the store before the page says the site is unavailable.</summary>
    public int TimeoutMilliseconds { get; set; } = 2000;
}

/// <summary>
/// Where the readers' sessions live. A session must be known to every replica of the site: the gateway sends a
/// reader's next request to any of them. Three things make that so when <c>ConnectionStrings:edge</c> names a Redis
/// (the AppHost sets it when it runs more than one site):
/// the stored tickets (<see cref="SessionTicketStore"/>), the key ring that protects the cookies, the tickets and the
/// forms' antiforgery tokens, and the lock around a token renewal (<see cref="SharedSessionLocks"/>) — a refresh token
/// presented twice by two replicas would look stolen to the identity service, which then ends the login.
/// Without it the one site keeps all three in its own memory (the key ring on its disk, as ASP.NET Core does).
/// Anonymous pages never touch the store: a reader without a session cookie is served while it is away.
/// </summary>
public static class SessionStorage
{
    public const string ConnectionName = "edge";

    /// <summary>The distributed cache that holds the tickets, apart from anything else the site might cache.</summary>
    public const string TicketCache = "reader-sessions";

    public static bool IsShared(IConfiguration configuration) => !string.IsNullOrEmpty(configuration.GetConnectionString(ConnectionName));

    public static IHostApplicationBuilder AddSessionStorage(this IHostApplicationBuilder builder)
    {
        var keyRing = builder.Services.AddDataProtection().SetApplicationName("NewsPlatform.Web");
        builder.Services.AddSingleton<LocalSessionLocks>();
        if (!IsShared(builder.Configuration))
        {
            builder.Services.AddKeyedSingleton<IDistributedCache>(TicketCache,
                (_, _) => new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
            builder.Services.AddSingleton<ISessionLocks>(sp => sp.GetRequiredService<LocalSessionLocks>());
            return builder;
        }

        var settings = builder.Configuration.GetSection("Sessions").Get<SessionStorageSettings>() ?? new();
        builder.Services.AddSingleton(settings);
        var options = ConfigurationOptions.Parse(builder.Configuration.GetConnectionString(ConnectionName)!);
        options.AbortOnConnectFail = false; // start, and serve anonymous pages, while the store is away
        options.ConnectTimeout = Math.Max(options.ConnectTimeout, 2000);
        options.AsyncTimeout = settings.TimeoutMilliseconds;
        options.SyncTimeout = settings.TimeoutMilliseconds;
        // One connection for the three, made when first needed (the key ring asks for it before the container is built).
        var redis = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton(_ => redis.Value);

        keyRing.PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), settings.KeyPrefix + "key-ring");
        builder.Services.AddKeyedSingleton<IDistributedCache>(TicketCache, (_, _) => new RedisCache(Options.Create(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = () => Task.FromResult(redis.Value),
            InstanceName = settings.KeyPrefix + "sessions:",
        })));
        builder.Services.AddSingleton<ISessionLocks, SharedSessionLocks>();
        // Shown under "downstream": anonymous pages are served without it.
        builder.Services.AddHealthChecks().AddRoundTripCheck("session-store",
            services => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync(), IsUnavailable, "downstream");
        return builder;
    }

    /// <summary>The store did not answer (down, unreachable or too slow).</summary>
    public static bool IsUnavailable(Exception e) => e is RedisException or RedisTimeoutException;

    /// <summary>
    /// Whether the store's absence is what failed a request, however deep: the key ring reports it as the inner
    /// exception of a <see cref="System.Security.Cryptography.CryptographicException"/> (a form's antiforgery token, say).
    /// </summary>
    public static bool IsBehind(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (IsUnavailable(e)) return true;
        return false;
    }
}
