using Microsoft.Extensions.DependencyInjection;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests.Replicas;

/// <summary>Replicas of the identity service on a database and virtual host of their own, empty at the start.</summary>
public sealed class IdentityReplicas : IAsyncDisposable
{
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("identityreplicas");
    private readonly List<ServiceUnderTest<SubscriptionsService>> _replicas = [];
    private IsolatedVirtualHost _virtualHost = null!;

    public string DatabaseConnectionString => _database.ConnectionString;
    public string DatabaseName => new Npgsql.NpgsqlConnectionStringBuilder(_database.ConnectionString).Database!;

    public static async Task<IdentityReplicas> CreateAsync() =>
        new() { _virtualHost = await IsolatedVirtualHost.CreateAsync("identityreplicas") };

    /// <summary>A replica, not started yet (its first request starts it).</summary>
    public ServiceUnderTest<SubscriptionsService> Add(TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:subscriptionsdb"] = _database.ConnectionString,
            ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["EventStore:DaemonMode"] = "HotCold",
            ["Mail:NewsletterCheckInterval"] = "1.00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var replica = new ServiceUnderTest<SubscriptionsService>(all, services =>
        {
            if (clock is not null) services.AddSingleton(clock);
        });
        _replicas.Add(replica);
        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }
}
