using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NewsPlatform.Subscriptions.Tokens;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests.Replicas;

/// <summary>What a second replica of the identity service would break, each proven on real servers.</summary>
public sealed class ReplicaSafetyTests
{
    private const string Password = "replica-reader-2026";

    private static async Task<JsonElement> JwksAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json")).GetProperty("keys");

    private static IEnumerable<string> KeyIds(JsonElement keys) => keys.EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).Order();

    private static async Task<string> AccessTokenAsync(HttpClient client, string email)
    {
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Replica Reader" })).StatusCode);
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        return login.GetProperty("accessToken").GetString()!;
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Two_replicas_starting_on_an_empty_database_sign_with_one_key_and_accept_each_others_tokens()
    {
        // Rounds on fresh databases: each is a race between two replicas making the first key.
        for (var round = 0; round < 3; round++)
        {
            await using var replicas = await IdentityReplicas.CreateAsync();
            var (first, second) = (replicas.Add().CreateClient(), replicas.Add().CreateClient());
            var keys = await Task.WhenAll(JwksAsync(first), JwksAsync(second));

            Assert.Single(KeyIds(keys[0]));
            Assert.Equal(KeyIds(keys[0]), KeyIds(keys[1]));
            var token = await AccessTokenAsync(first, $"replica.{Guid.NewGuid():N}@example.org");
            Assert.Equal(HttpStatusCode.OK, await MeAsync(second, token));
        }
    }

    [Fact]
    public async Task A_key_another_replica_added_is_accepted_within_seconds_not_refused_until_a_restart()
    {
        await using var replicas = await IdentityReplicas.CreateAsync();
        var first = replicas.Add();
        var firstClient = first.CreateClient();
        var before = KeyIds(await JwksAsync(firstClient)).ToList();

        // A newer key, as a replica that rotated it would store it; a second replica then signs with it.
        await using (var session = first.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            session.Insert(new SigningKeyDocument(SigningKeys.KeyIdOf(2), Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()), DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        var secondClient = replicas.Add().CreateClient();
        var token = await AccessTokenAsync(secondClient, $"rotated.{Guid.NewGuid():N}@example.org");

        await Eventually.Until(() => MeAsync(firstClient, token), status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(15),
            "the first replica accepting a token signed with the key the other one uses");
        Assert.Equal([.. before, SigningKeys.KeyIdOf(2)], KeyIds(await JwksAsync(firstClient)).ToList());
    }

    [Fact]
    public async Task A_charge_that_timed_out_on_one_replica_is_completed_by_another_replicas_billing_round_and_charged_once()
    {
        await using var replicas = await IdentityReplicas.CreateAsync();
        var taking = replicas.Add(settings: new Dictionary<string, string?> { ["Billing:CheckInterval"] = "1.00:00:00" });
        var reader = taking.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync(reader, $"timeout.{Guid.NewGuid():N}@example.org"));
        var subscribed = await reader.PostAsJsonAsync("/api/subscriptions", new { planCode = "digital-monthly", paymentToken = "tok_timeout" });
        var id = (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("pending", (await reader.GetFromJsonAsync<JsonElement>("/api/subscriptions/me"))[0].GetProperty("status").GetString());

        // Only the other replica bills; its clock passes the charge's grace period.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var billing = replicas.Add(clock, new Dictionary<string, string?> { ["Billing:CheckInterval"] = "00:00:01" });
        await billing.StartAsync();
        await Eventually.Until(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            return (await reader.GetFromJsonAsync<JsonElement>("/api/subscriptions/me"))[0].GetProperty("status").GetString();
        }, status => status == "active", TimeSpan.FromSeconds(20), "the subscription charged by the other replica's retry");
        Assert.Single(await billing.Services.GetRequiredService<SandboxPaymentProvider>().ChargesForAsync(id));
    }

    [Fact]
    public async Task A_billing_round_that_meets_a_database_outage_leaves_the_host_running_and_the_next_round_bills()
    {
        await using var replicas = await IdentityReplicas.CreateAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var service = replicas.Add(clock, new Dictionary<string, string?> { ["Billing:CheckInterval"] = "00:00:01" });
        await service.StartAsync();
        var lifetime = service.Services.GetRequiredService<IHostApplicationLifetime>();

        await SetConnectionsAllowedAsync(replicas.DatabaseName, allowed: false);
        try
        {
            for (var tick = 0; tick < 5; tick++)
            {
                clock.Advance(TimeSpan.FromSeconds(1)); // billing rounds against a database that refuses connections
                await Task.Delay(300);
            }
            Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "the host is stopping after a failed billing round");
        }
        finally
        {
            await SetConnectionsAllowedAsync(replicas.DatabaseName, allowed: true);
        }

        // Back: the service answers, and its billing job still runs (a subscription is charged by a round).
        var reader = service.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await Eventually.Until(async () =>
            {
                try { return await AccessTokenAsync(reader, $"outage.{Guid.NewGuid():N}@example.org"); }
                catch (Exception) { return null; }
            }, token => token is not null, TimeSpan.FromSeconds(20), "the service answering again"));
        await reader.PostAsJsonAsync("/api/subscriptions", new { planCode = "digital-monthly", paymentToken = "tok_timeout" });
        await Eventually.Until(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            return (await reader.GetFromJsonAsync<JsonElement>("/api/subscriptions/me"))[0].GetProperty("status").GetString();
        }, status => status == "active", TimeSpan.FromSeconds(20), "a billing round after the outage");
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    /// <summary>A database outage as the service sees it: new connections refused, open ones ended.</summary>
    private static async Task SetConnectionsAllowedAsync(string database, bool allowed)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(database);
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {quoted} WITH ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", connection))
            await alter.ExecuteNonQueryAsync();
        if (allowed) return;
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection)
        {
            Parameters = { new() { Value = database } },
        };
        await terminate.ExecuteNonQueryAsync();
    }
}
