using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests.Faults;

/// <summary>The identity service on a PostgreSQL server of the test's own, restarted while readers register and log in.</summary>
public sealed class DatabaseRestartTests
{
    private const string Password = "restart-reader-2026";

    [Fact(Timeout = 3 * 60_000)] // bounded: a fault test that hangs fails instead
    public async Task While_PostgreSQL_restarts_logins_and_registrations_fail_as_503_problems_and_work_again_without_a_restart_of_the_service()
    {
        await using var postgres = await ThrowawayPostgres.StartNewAsync();
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("identity_restart");
        await using var service = new ServiceUnderTest<SubscriptionsService>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:subscriptionsdb"] = postgres.ConnectionString("subscriptions"),
            ["ConnectionStrings:messaging"] = virtualHost.AmqpUri,
            ["Billing:CheckInterval"] = "00:00:01", // its rounds meet the outage too
            ["Mail:PollInterval"] = "00:00:00.500",
        });
        var client = await service.StartAsync();
        var email = $"restart.{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Restart" })).StatusCode);

        var load = SteadyLoad.Start(TimeSpan.FromMilliseconds(50),
            _ => client.PostAsJsonAsync("/api/auth/login", new { email, password = Password }),
            i => client.PostAsJsonAsync("/api/auth/register",
                new { email = $"during.{i}.{Guid.NewGuid():N}@example.org", password = Password, displayName = "During" }));

        await Task.Delay(TimeSpan.FromSeconds(2));
        await postgres.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));
        await postgres.StartAsync();

        await Eventually.Until(async () => (await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password })).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "logins after the restart");
        await load.StopAsync();

        Assert.NotEmpty(load.Failures);
        Assert.All(load.Failures, a => Assert.Equal((HttpStatusCode.ServiceUnavailable, StorageUnavailableProblems.Type), (a.Status, a.ProblemType)));
        Assert.False(service.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }
}
