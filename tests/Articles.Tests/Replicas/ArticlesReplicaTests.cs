using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.Articles.Entitlements;
using NewsPlatform.Articles.Newsroom;
using NewsPlatform.Contracts.Subscriptions;
using NewsPlatform.TestSupport;
using Npgsql;

namespace NewsPlatform.Articles.Tests.Replicas;

/// <summary>Two replicas of the Articles service on one database and one queue, doing what only one may do at a time.</summary>
public sealed class ArticlesReplicaTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("articlesreplicas");
    private readonly FakeTimeProvider _clock = new(Start);
    private IsolatedVirtualHost _virtualHost = null!;
    private TestBus _bus = null!;
    private ServiceUnderTest<ArticlesService> _first = null!, _second = null!;

    public async Task InitializeAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("articlesreplicas");
        _first = Replica();
        await _first.StartAsync();
        _second = Replica();
        await _second.StartAsync();
        _bus = await TestBus.StartAsync(_virtualHost.AmqpUri);
    }

    private ServiceUnderTest<ArticlesService> Replica() => new(new Dictionary<string, string?>
        {
            ["ConnectionStrings:articlesdb"] = _database.ConnectionString,
            ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["EventStore:DaemonMode"] = "HotCold",
            ["Newsroom:ScheduleCheckInterval"] = "1.00:00:00", // the test runs the rounds itself
        },
        services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Two_hundred_subscription_events_for_one_reader_across_two_replicas_leave_every_one_applied()
    {
        var reader = Guid.NewGuid();
        var periodEnd = DateTimeOffset.UtcNow.AddDays(30);
        // A hundred renewals as a new subscription each, and the expiry of the one before it, all at once.
        var renewals = Enumerable.Range(0, 100).Select(_ => (Old: Guid.NewGuid(), New: Guid.NewGuid())).ToList();
        await Task.WhenAll(renewals.SelectMany(r => new Task[]
        {
            _bus.PublishAsync(new SubscriptionExpired(r.Old, 3, reader, DateTimeOffset.UtcNow)),
            _bus.PublishAsync(new SubscriptionActivated(r.New, 2, reader, "digital-monthly", periodEnd, DateTimeOffset.UtcNow)),
        }));

        var store = _first.Services.GetRequiredService<IDocumentStore>();
        var entitlement = await Eventually.Until(async () =>
        {
            await using var session = store.QuerySession();
            return await session.LoadAsync<ReaderEntitlement>(reader);
        }, e => e?.Subscriptions.Count == 200, TimeSpan.FromSeconds(60), "all 200 events applied to the reader's entitlement");

        Assert.All(renewals, r =>
        {
            Assert.Equal(SubscriptionStatus.Expired, entitlement!.Subscriptions[r.Old].Status);
            Assert.Equal(SubscriptionStatus.Active, entitlement.Subscriptions[r.New].Status);
        });
        Assert.True(entitlement!.IsEntitledAt(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Replicas_publishing_the_same_due_schedule_at_once_publish_each_article_once_and_never_throw()
    {
        var editor = _first.CreateClientAs("editor-1", "editor");
        var desk = new NewsroomDesk(editor);
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var draft = await desk.DraftAsync(NewsroomDesk.Copy($"Scheduled race story {i} {Guid.NewGuid():N}"[..36]));
            await desk.PublishAsync(draft, new { publishAt = Start.AddMinutes(10) });
            ids.Add(NewsroomDesk.Id(draft));
        }
        _clock.Advance(TimeSpan.FromMinutes(11));

        // Three rounds on each replica at the same moment, as their timers may fire.
        var schedulers = new[] { _first, _second }.Select(s => s.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<ScheduledPublishing>().Single()).ToList();
        var published = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => schedulers).Select(s => s.PublishDueAsync(CancellationToken.None)));

        Assert.Equal(ids.Count, published.Sum());
        foreach (var id in ids)
        {
            var history = await editor.GetFromJsonAsync<JsonElement>($"/api/newsroom/articles/{id}/history");
            Assert.Single(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "published");
        }
    }

    [Fact]
    public async Task Replicas_creating_their_database_at_the_same_moment_all_start()
    {
        var name = TestServers.UniqueName("racing");
        var connection = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = name }.ConnectionString;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() =>
                Microsoft.Extensions.Hosting.EventStoreExtensions.EnsureDatabaseAsync(connection, NullLogger.Instance, CancellationToken.None))));
            await using var created = new NpgsqlConnection(connection);
            await created.OpenAsync(); // it exists, once
        }
        finally
        {
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            NpgsqlConnection.ClearAllPools();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
