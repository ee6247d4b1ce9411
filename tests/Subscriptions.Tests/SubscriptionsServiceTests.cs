using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests;

/// <summary>
/// The Subscriptions &amp; identity service in-process on its own database and virtual host, with a
/// clock the tests control and an initial admin from configuration.
/// </summary>
public sealed class SubscriptionsServiceFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.org";
    public const string AdminPassword = "correct-horse-battery-77";

    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("subscriptions");
    private IsolatedVirtualHost _virtualHost = null!;

    public ServiceUnderTest<SubscriptionsService> Service { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public TestBus Bus { get; private set; } = null!;
    public TestSmtpServer Mail { get; private set; } = null!;
    public string DatabaseConnectionString => _database.ConnectionString;
    public const string SiteUrl = "http://site.test";

    public async Task InitializeAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("subscriptions");
        Mail = await TestSmtpServer.Shared;
        Bus = await TestBus.StartAsync(_virtualHost.AmqpUri, TestBus.Observe<NewsPlatform.Contracts.Subscriptions.ReaderRegistered>(),
            TestBus.Observe<NewsPlatform.Contracts.Subscriptions.SubscriptionActivated>(),
            TestBus.Observe<NewsPlatform.Contracts.Subscriptions.SubscriptionCancelled>(),
            TestBus.Observe<NewsPlatform.Contracts.Subscriptions.SubscriptionExpired>());
        Service = CreateService();
        Client = await Service.StartAsync(); // its consumers (follows) listen before a test publishes
    }

    /// <summary>Another instance on the same database and broker (a restart, or a second replica).</summary>
    public ServiceUnderTest<SubscriptionsService> CreateService(TimeProvider? clock = null) => new(new Dictionary<string, string?>
        {
            ["ConnectionStrings:subscriptionsdb"] = _database.ConnectionString,
            ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
            ["ConnectionStrings:mail"] = Mail.ConnectionString,
            ["Publication:SiteUrl"] = SiteUrl,
            ["Mail:PollInterval"] = "00:00:00.500",
            // The briefing and the digest have tests of their own, on databases of their own (Mail/NewsletterTests).
            ["Mail:NewsletterCheckInterval"] = "1.00:00:00",
            ["Identity:InitialAdmin:Email"] = AdminEmail,
            ["Identity:InitialAdmin:Password"] = AdminPassword,
            // Several instances share this database here: as in production, one runs the daemon.
            ["EventStore:DaemonMode"] = "HotCold",
        },
        services =>
        {
            if (clock is not null) Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, clock);
        });

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Bus.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class SubscriptionsServiceTests(SubscriptionsServiceFixture subscriptions) : IClassFixture<SubscriptionsServiceFixture>
{
    [Fact]
    public async Task The_plans_on_sale_are_listed_with_prices_in_won()
    {
        var plans = await subscriptions.Client.GetFromJsonAsync<JsonElement>("/api/plans");

        var codes = plans.EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToArray();
        Assert.Equal(["free", "digital-monthly", "digital-annual", "epaper-monthly"], codes);
        Assert.All(plans.EnumerateArray(), p => Assert.True(p.GetProperty("priceKrw").GetInt64() >= 0));
        // Periods travel by name, not by enum number.
        Assert.Equal("month", plans[1].GetProperty("period").GetString());
    }

    [Fact]
    public async Task Ready_means_its_database_and_the_broker_answer()
    {
        // Readiness follows the bus connecting after start-up, as an orchestrator's probe would see it.
        var response = await Eventually.Until(() => subscriptions.Client.GetAsync("/health"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "service ready");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = report.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgresql").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("rabbitmq").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("event-store").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unknown_route_gets_a_404_problem()
    {
        var response = await subscriptions.Client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
