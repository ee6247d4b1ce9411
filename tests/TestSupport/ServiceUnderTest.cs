using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPlatform.TestSupport;

/// <summary>
/// One NewsPlatform service running in-process on the real servers. <typeparamref name="TModule"/>
/// is any type of the service's assembly (its module class), which names the app to start.
/// </summary>
/// <param name="environment">The host environment; "Development" runs the service as ./start.sh does.</param>
public sealed class ServiceUnderTest<TModule>(
    IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replaceServices = null, string environment = "Testing")
    : WebApplicationFactory<TModule> where TModule : class
{
    /// <summary>The address of the service once started on a real port (<see cref="StartOnPortAsync"/>).</summary>
    public Uri? Address { get; private set; }

    /// <summary>Starts the service on Kestrel at a free loopback port (a proxy can then reach it over TCP), ready as <see cref="StartAsync"/>.</summary>
    public async Task<Uri> StartOnPortAsync()
    {
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First());
        await StartAsync();
        return Address;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // A single daemon per test process starts at once; HotCold would wait for leadership.
        builder.UseSetting("EventStore:DaemonMode", "Solo");
        // Tests sign in with development tokens ("Bearer dev:<subject>:<roles>") until the identity service issues real ones.
        builder.UseSetting("Authentication:DevelopmentTokens", "true");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (replaceServices is not null) builder.ConfigureTestServices(replaceServices);
    }

    /// <summary>
    /// Starts the service and waits until it is ready: its bus connected (the readiness check
    /// "rabbitmq", where it has one: until its receive endpoints are up an event published to the
    /// service would find no queue bound to it) and no other check unhealthy.
    /// </summary>
    public async Task<HttpClient> StartAsync()
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var health = await (await client.GetAsync("/health")).Content.ReadFromJsonAsync<JsonElement>();
            var checks = health.GetProperty("checks");
            var busReady = !checks.TryGetProperty("rabbitmq", out var bus) || bus.GetProperty("status").GetString() == "Healthy";
            // Nothing else still starting either (e.g. a search replica filling its copy of the index).
            if (busReady && checks.EnumerateObject().All(c => c.Value.GetProperty("status").GetString() != "Unhealthy"))
                return client;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The service's bus was not ready within 30 s: {health}");
            await Task.Delay(100);
        }
    }

    /// <summary>A client that sends <c>Authorization: Bearer dev:&lt;subject&gt;:&lt;roles&gt;</c>.</summary>
    public HttpClient CreateClientAs(string subject, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", $"dev:{subject}:{string.Join(',', roles)}");
        return client;
    }
}
