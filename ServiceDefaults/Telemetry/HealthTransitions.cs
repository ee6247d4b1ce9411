using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Logs a service's health as it changes, once per change: a check going unhealthy is an error, degraded
/// a warning, recovering information. ASP.NET Core's own health-check service logs every unhealthy
/// answer at Error — once per probe, and also for a broker connection that is simply still starting —
/// so a healthy service started with a red error badge on the dashboard and an outage repeated its
/// error every few seconds. That category is therefore quietened (<see cref="ServiceDefaultsExtensions"/>)
/// and this publisher, run every few seconds on the same checks as <c>/health</c>, says what happened.
/// Before a check has once been healthy, its failures are start-up ("not ready yet"), not errors.
/// </summary>
public sealed class HealthTransitions(ILogger<HealthTransitions> logger) : IHealthCheckPublisher
{
    private readonly Dictionary<string, HealthStatus> _last = [];
    private readonly HashSet<string> _everHealthy = [];
    private readonly Lock _gate = new();

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var (name, entry) in report.Entries)
            {
                if (_last.TryGetValue(name, out var before) && before == entry.Status) continue;
                _last[name] = entry.Status;
                Log(name, entry, wasReady: _everHealthy.Contains(name));
                if (entry.Status == HealthStatus.Healthy) _everHealthy.Add(name);
            }
        }
        return Task.CompletedTask;
    }

    private void Log(string name, HealthReportEntry entry, bool wasReady)
    {
        var detail = entry.Description ?? entry.Exception?.Message ?? "no detail";
        switch (entry.Status)
        {
            case HealthStatus.Healthy when wasReady:
                logger.LogInformation("Health check {Check} recovered: {Detail}", name, detail);
                break;
            case HealthStatus.Healthy:
                logger.LogInformation("Health check {Check} is ready: {Detail}", name, detail);
                break;
            case HealthStatus.Degraded:
                logger.LogWarning("Health check {Check} is degraded: {Detail}", name, detail);
                break;
            case HealthStatus.Unhealthy when wasReady:
                logger.LogError(entry.Exception, "Health check {Check} became unhealthy: {Detail}", name, detail);
                break;
            default: // failing before it was ever ready: still starting
                logger.LogInformation("Health check {Check} is not ready yet: {Detail}", name, detail);
                break;
        }
    }
}
