using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.Subscriptions.Subscribing;
using NewsPlatform.Subscriptions.Telemetry;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests.Operations;

/// <summary>What the operations dashboard shows for identity and subscriptions.</summary>
public sealed class SubscriptionsMetricsTests(SubscriptionsServiceFixture identity) : IClassFixture<SubscriptionsServiceFixture>
{
    private const string Password = "evening-edition-2026";

    private static MetricCollector<long> Collect(ServiceUnderTest<SubscriptionsService> service, string instrument) =>
        new(service.Services.GetRequiredService<IMeterFactory>(), SubscriptionsMetrics.MeterName, instrument);

    private static IEnumerable<string> Outcomes(MetricCollector<long> collector) =>
        collector.GetMeasurementSnapshot().Select(m => (string)m.Tags["newsplatform.outcome"]!);

    private static async Task<(HttpClient Client, JsonElement Tokens)> RegisterAndLogInAsync(ServiceUnderTest<SubscriptionsService> service)
    {
        var client = service.CreateClient();
        var email = $"metrics.{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Reader" })).StatusCode);
        var tokens = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return (client, tokens);
    }

    [Fact]
    public async Task Registrations_logins_by_outcome_refreshes_and_reuse_are_counted()
    {
        using var registrations = Collect(identity.Service, "newsplatform.identity.registrations");
        using var logins = Collect(identity.Service, "newsplatform.identity.logins");
        using var refreshes = Collect(identity.Service, "newsplatform.identity.token_refreshes");
        using var reuse = Collect(identity.Service, "newsplatform.identity.refresh_reuse_detections");

        var (_, tokens) = await RegisterAndLogInAsync(identity.Service);
        await identity.Client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.org", password = Password });
        var refresh = tokens.GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.OK, (await identity.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh })).StatusCode);

        Assert.Equal(1, Assert.Single(registrations.GetMeasurementSnapshot()).Value);
        Assert.Equal(["bad_credentials", "success"], Outcomes(logins).Order());
        Assert.Equal(["reuse_detected", "rotated"], Outcomes(refreshes).Order());
        Assert.Single(reuse.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Activations_declines_cancellations_and_expiries_are_counted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = identity.CreateService(clock);
        using var activated = Collect(service, "newsplatform.subscriptions.activated");
        using var declined = Collect(service, "newsplatform.subscriptions.payment_declines");
        using var cancelled = Collect(service, "newsplatform.subscriptions.cancelled");
        using var expired = Collect(service, "newsplatform.subscriptions.expired");
        var (reader, _) = await RegisterAndLogInAsync(service);

        Assert.Equal(HttpStatusCode.PaymentRequired,
            (await reader.PostAsJsonAsync("/api/subscriptions", new { planCode = "digital-monthly", paymentToken = "tok_declined" })).StatusCode);
        var created = await reader.PostAsJsonAsync("/api/subscriptions", new { planCode = "digital-monthly", paymentToken = "tok_ok" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await reader.PostAsync($"/api/subscriptions/{id}/cancel", null)).StatusCode);
        clock.Advance(TimeSpan.FromDays(32));
        await service.Services.GetRequiredService<SubscriptionBilling>().RunDueAsync(CancellationToken.None);

        Assert.Equal("digital-monthly", Assert.Single(activated.GetMeasurementSnapshot()).Tags["newsplatform.plan"]);
        Assert.Single(declined.GetMeasurementSnapshot());
        Assert.Single(cancelled.GetMeasurementSnapshot());
        Assert.Single(expired.GetMeasurementSnapshot());
    }
}
