using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.Subscriptions.Subscribing;
using NewsPlatform.TestSupport;
using Bus = NewsPlatform.Contracts.Subscriptions;

namespace NewsPlatform.Subscriptions.Tests.Subscribing;

/// <summary>Subscribing through the sandbox payment provider, cancelling, renewing and expiring with a controlled clock.</summary>
public sealed class SubscribingTests(SubscriptionsServiceFixture identity) : IClassFixture<SubscriptionsServiceFixture>
{
    private const string Password = "morning-edition-2026";

    /// <summary>A newly registered reader's client on <paramref name="service"/>, and their id.</summary>
    private static async Task<(HttpClient Client, Guid ReaderId)> ReaderAsync(ServiceUnderTest<SubscriptionsService> service)
    {
        var client = service.CreateClient();
        var email = $"subscriber.{Guid.NewGuid():N}@example.org";
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Subscriber" });
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return (client, id);
    }

    private static Task<HttpResponseMessage> SubscribeAsync(HttpClient reader, string token, string plan = "digital-monthly") =>
        reader.PostAsJsonAsync("/api/subscriptions", new { planCode = plan, paymentToken = token });

    private static async Task<List<JsonElement>> MineAsync(HttpClient reader) =>
        (await reader.GetFromJsonAsync<JsonElement>("/api/subscriptions/me")).EnumerateArray().ToList();

    private Task WaitForAsync<T>(Func<T, bool> match, string what) where T : class =>
        Eventually.Until(() => Task.FromResult(identity.Bus.Received<T>().Any(m => match(m.Message))), found => found,
            TimeSpan.FromSeconds(15), what);

    [Fact]
    public async Task Subscribing_with_tok_ok_activates_a_month_and_tells_the_platform()
    {
        var (reader, readerId) = await ReaderAsync(identity.Service);

        var response = await SubscribeAsync(reader, "tok_ok");
        var subscription = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("active", subscription.GetProperty("status").GetString());
        Assert.True(subscription.GetProperty("givesAccess").GetBoolean());
        var start = subscription.GetProperty("periodStart").GetDateTimeOffset();
        Assert.Equal(start.AddMonths(1), subscription.GetProperty("periodEnd").GetDateTimeOffset());
        Assert.Single(await MineAsync(reader));
        var me = await reader.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("active", me.GetProperty("subscription").GetProperty("status").GetString());
        await WaitForAsync<Bus.SubscriptionActivated>(m => m.ReaderId == readerId && m.PlanCode == "digital-monthly", "SubscriptionActivated");
    }

    [Fact]
    public async Task A_declined_payment_gives_402_and_no_subscription_and_the_reader_may_try_again()
    {
        var (reader, _) = await ReaderAsync(identity.Service);

        var declined = await SubscribeAsync(reader, "tok_declined");
        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Equal("application/problem+json", declined.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await MineAsync(reader));

        Assert.Equal(HttpStatusCode.Created, (await SubscribeAsync(reader, "tok_ok")).StatusCode);
    }

    [Fact]
    public async Task A_reader_has_at_most_one_paid_subscription_even_when_requests_race()
    {
        var (reader, _) = await ReaderAsync(identity.Service);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SubscribeAsync(reader, "tok_ok")));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, (await SubscribeAsync(reader, "tok_ok", "digital-annual")).StatusCode);
    }

    [Fact]
    public async Task A_timed_out_payment_stays_pending_and_a_retry_activates_it_without_charging_twice()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = identity.CreateService(clock);
        var (reader, _) = await ReaderAsync(service);

        var response = await SubscribeAsync(reader, "tok_timeout");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("pending", (await MineAsync(reader)).Single().GetProperty("status").GetString());

        clock.Advance(TimeSpan.FromSeconds(10));
        await service.Services.GetRequiredService<SubscriptionBilling>().RunDueAsync(CancellationToken.None);

        Assert.Equal("active", (await MineAsync(reader)).Single().GetProperty("status").GetString());
        var sandbox = service.Services.GetRequiredService<SandboxPaymentProvider>();
        Assert.Single(await sandbox.ChargesForAsync(id));
    }

    [Fact]
    public async Task Only_the_owner_sees_or_cancels_a_subscription()
    {
        var (owner, _) = await ReaderAsync(identity.Service);
        var (other, _) = await ReaderAsync(identity.Service);
        var id = (await (await SubscribeAsync(owner, "tok_ok")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/subscriptions/{id}/cancel", null)).StatusCode);
        Assert.Empty(await MineAsync(other));
        Assert.Equal(HttpStatusCode.Unauthorized, (await identity.Client.PostAsync($"/api/subscriptions/{id}/cancel", null)).StatusCode);
        Assert.Equal("active", (await MineAsync(owner)).Single().GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_cancelled_subscription_keeps_access_until_its_period_ends_then_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = identity.CreateService(clock);
        var (reader, readerId) = await ReaderAsync(service);
        var id = (await (await SubscribeAsync(reader, "tok_ok")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var cancelled = await (await reader.PostAsync($"/api/subscriptions/{id}/cancel", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.True(cancelled.GetProperty("givesAccess").GetBoolean());
        await WaitForAsync<Bus.SubscriptionCancelled>(m => m.SubscriptionId == id, "SubscriptionCancelled");

        clock.Advance(TimeSpan.FromDays(20));
        await service.Services.GetRequiredService<SubscriptionBilling>().RunDueAsync(CancellationToken.None);
        Assert.Equal("cancelled", (await MineAsync(reader)).Single().GetProperty("status").GetString());

        clock.Advance(TimeSpan.FromDays(12));
        await service.Services.GetRequiredService<SubscriptionBilling>().RunDueAsync(CancellationToken.None);
        var expired = (await MineAsync(reader)).Single();
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.False(expired.GetProperty("givesAccess").GetBoolean());
        await WaitForAsync<Bus.SubscriptionExpired>(m => m.SubscriptionId == id && m.ReaderId == readerId, "SubscriptionExpired");

        // The reader may subscribe again.
        Assert.Equal(HttpStatusCode.Created, (await SubscribeAsync(reader, "tok_ok")).StatusCode);
    }

    [Fact]
    public async Task An_active_subscription_renews_at_period_end_with_one_charge_per_period()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var service = identity.CreateService(clock);
        var (reader, _) = await ReaderAsync(service);
        var first = await (await SubscribeAsync(reader, "tok_ok")).Content.ReadFromJsonAsync<JsonElement>();
        var id = first.GetProperty("id").GetGuid();
        var firstEnd = first.GetProperty("periodEnd").GetDateTimeOffset();

        clock.Advance(TimeSpan.FromDays(32));
        var billing = service.Services.GetRequiredService<SubscriptionBilling>();
        await billing.RunDueAsync(CancellationToken.None);
        await billing.RunDueAsync(CancellationToken.None); // a second round changes nothing

        var renewed = (await MineAsync(reader)).Single();
        Assert.Equal("active", renewed.GetProperty("status").GetString());
        Assert.Equal(firstEnd, renewed.GetProperty("periodStart").GetDateTimeOffset());
        Assert.Equal(firstEnd.AddMonths(1), renewed.GetProperty("periodEnd").GetDateTimeOffset());
        Assert.Equal(2, (await service.Services.GetRequiredService<SandboxPaymentProvider>().ChargesForAsync(id)).Count);
        await WaitForAsync<Bus.SubscriptionActivated>(m => m.SubscriptionId == id && m.PeriodEndsAt == firstEnd.AddMonths(1), "renewal on the bus");
    }

    [Theory]
    [InlineData("{\"planCode\":\"gold\",\"paymentToken\":\"tok_ok\"}")]
    [InlineData("{\"planCode\":\"free\",\"paymentToken\":\"tok_ok\"}")]
    [InlineData("{\"planCode\":\"digital-monthly\"}")]
    [InlineData("{ not json")]
    [InlineData("[]")]
    public async Task Bad_subscribe_requests_get_400_problems(string json)
    {
        var (reader, _) = await ReaderAsync(identity.Service);
        var response = await reader.PostAsync("/api/subscriptions", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
