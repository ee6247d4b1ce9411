using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace NewsPlatform.Articles.Tests.Operations;

/// <summary>
/// Health is logged once per change, and a check that is still starting is not an error (the dashboard
/// showed a red error badge on every healthy service at start-up, from its broker check).
/// </summary>
public sealed class HealthTransitionsTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    private readonly FakeLogger<HealthTransitions> _log = new();

    private async Task<IReadOnlyList<(LogLevel Level, string Message)>> Publish(params (HealthStatus Status, string Description)[] reports)
    {
        var transitions = new HealthTransitions(_log);
        foreach (var (status, description) in reports)
        {
            await transitions.PublishAsync(new HealthReport(new Dictionary<string, HealthReportEntry>
            {
                ["rabbitmq"] = new(status, description, TimeSpan.Zero, null, null),
            }, TimeSpan.Zero), CancellationToken.None);
        }
        return _log.Collector.GetSnapshot().Select(r => (r.Level, r.Message)).ToList();
    }

    [Fact]
    public async Task A_check_still_starting_is_information_until_it_is_ready()
    {
        var logged = await Publish((HealthStatus.Unhealthy, "Not ready: not started"), (HealthStatus.Unhealthy, "Not ready: not started"),
            (HealthStatus.Healthy, "Ready"));

        Assert.Equal(
        [
            (LogLevel.Information, "Health check rabbitmq is not ready yet: Not ready: not started"),
            (LogLevel.Information, "Health check rabbitmq is ready: Ready"),
        ], logged);
    }

    [Fact]
    public async Task Going_unhealthy_after_being_ready_is_one_error_and_recovering_is_said()
    {
        var logged = await Publish((HealthStatus.Healthy, "Ready"), (HealthStatus.Unhealthy, "Not ready: connection lost"),
            (HealthStatus.Unhealthy, "Not ready: connection lost"), (HealthStatus.Degraded, "slow"), (HealthStatus.Healthy, "Ready"));

        Assert.Equal(
        [
            (LogLevel.Information, "Health check rabbitmq is ready: Ready"),
            (LogLevel.Error, "Health check rabbitmq became unhealthy: Not ready: connection lost"),
            (LogLevel.Warning, "Health check rabbitmq is degraded: slow"),
            (LogLevel.Information, "Health check rabbitmq recovered: Ready"),
        ], logged);
    }

    [Fact]
    public void A_service_logs_health_changes_instead_of_an_error_per_unhealthy_probe()
    {
        var services = articles.Service.Services;

        Assert.Contains(services.GetServices<IHealthCheckPublisher>(), p => p is HealthTransitions);
        Assert.False(services.GetRequiredService<ILoggerFactory>()
            .CreateLogger(ServiceDefaultsExtensions.HealthCheckServiceCategory).IsEnabled(LogLevel.Error));
    }
}
