using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests;

public sealed class SubscriptionsServiceFixture : IAsyncLifetime
{
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("subscriptions");
    private IsolatedVirtualHost _virtualHost = null!;
    private ServiceUnderTest<SubscriptionsService> _service = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _virtualHost = await IsolatedVirtualHost.CreateAsync("subscriptions");
        _service = new ServiceUnderTest<SubscriptionsService>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:subscriptionsdb"] = _database.ConnectionString,
            ["ConnectionStrings:messaging"] = _virtualHost.AmqpUri,
        });
        Client = _service.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
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
        Assert.Contains(checks.EnumerateObject(), c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_unknown_route_gets_a_404_problem()
    {
        var response = await subscriptions.Client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
