using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// The whole platform as the AppHost starts it — PostgreSQL, RabbitMQ, three services, gateway —
/// once for all journeys in this assembly. On a machine without a container runtime the AppHost
/// runs the installed servers itself, on ports of its own, so this never clashes with the shared
/// servers the other test projects use.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NewsPlatform_AppHost>(
            ["Infrastructure:Ephemeral=true"],
            // As `./start.sh` runs it: Development (demo content, development tokens until identity lands).
            (_, host) => host.EnvironmentName = "Development");
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        Gateway = App.CreateHttpClient("gateway");
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "Platform";
}
