using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>What the operations dashboard lists: plainly named resources, their links, grouping and health.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DashboardTests(PlatformFixture platform)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private IResource Resource(string name) =>
        platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    private static string? ParentOf(IResource resource) => resource.Annotations.OfType<ResourceRelationshipAnnotation>()
        .SingleOrDefault(a => a.Type == "Parent")?.Resource.Name;

    [Fact]
    public async Task Services_are_named_plainly_and_their_health_is_their_own_report()
    {
        using var timeout = new CancellationTokenSource(Wait);
        foreach (var service in new[] { "articles", "subscriptions", "search", "web", "gateway" })
        {
            var ready = await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
            Assert.Equal(HealthStatus.Healthy, ready.Snapshot.HealthStatus);
            Assert.Contains(ready.Snapshot.HealthReports, report => report.Name == $"{service}-health");
        }
    }

    [Fact]
    public void Servers_are_named_plainly_and_each_database_sits_under_its_server()
    {
        Assert.Equal("infrastructure", ParentOf(Resource("postgres")));
        Assert.Equal("infrastructure", ParentOf(Resource("rabbitmq")));
        foreach (var database in new[] { "articlesdb", "subscriptionsdb", "searchdb" })
        {
            Assert.Equal("postgres", ParentOf(Resource(database)));
        }
    }

    [Fact]
    public async Task The_gateway_the_api_reference_and_the_broker_ui_are_links()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var gateway = await platform.App.ResourceNotifications.WaitForResourceAsync("gateway",
            e => e.Snapshot.Urls.Any(u => u.DisplayProperties.DisplayName == "API reference"), timeout.Token);
        var rabbitmq = await platform.App.ResourceNotifications.WaitForResourceAsync("rabbitmq",
            e => e.Snapshot.Urls.Any(u => u.DisplayProperties.DisplayName.StartsWith("RabbitMQ management UI", StringComparison.Ordinal)),
            timeout.Token);

        var urls = gateway.Snapshot.Urls;
        var site = Assert.Single(urls, u => u.DisplayProperties.DisplayName == "Public site and API (gateway)");
        Assert.Equal(site.Url.TrimEnd('/') + "/docs", Assert.Single(urls, u => u.DisplayProperties.DisplayName == "API reference").Url);
        Assert.StartsWith("http://", rabbitmq.Snapshot.Urls.First(u => u.DisplayProperties.DisplayName.StartsWith("RabbitMQ", StringComparison.Ordinal)).Url);
    }
}
