using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NewsPlatform.AppHost;

/// <summary>
/// A service's resource health on the dashboard is its own <c>/health</c> report: Healthy, Degraded
/// (e.g. a projection or the event forwarding stuck, with the reason) or Unhealthy. A plain HTTP check
/// would show Degraded as Healthy, since /health answers 200 for both.
/// </summary>
public static class ServiceHealthExtensions
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static IResourceBuilder<ProjectResource> WithServiceHealth(this IResourceBuilder<ProjectResource> service)
    {
        var name = $"{service.Resource.Name}-health";
        var endpoint = service.GetEndpoint("http");
        service.ApplicationBuilder.Services.AddHealthChecks().AddCheck(name, new ServiceHealthCheck(endpoint));
        return service.WithHealthCheck(name);
    }

    private sealed class ServiceHealthCheck(EndpointReference endpoint) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!endpoint.IsAllocated) return HealthCheckResult.Unhealthy("No endpoint allocated yet.");
            try
            {
                using var response = await Http.GetAsync(new Uri(new Uri(endpoint.Url), "/health"), cancellationToken);
                var report = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                var reasons = report.TryGetProperty("checks", out var checks)
                    ? string.Join("; ", checks.EnumerateObject()
                        .Where(c => c.Value.GetProperty("status").GetString() != "Healthy")
                        .Select(c => $"{c.Name}: {(c.Value.TryGetProperty("description", out var d) ? d.GetString() : null) ?? c.Value.GetProperty("status").GetString()}"))
                    : "";
                return report.TryGetProperty("status", out var status) ? status.GetString() switch
                {
                    "Healthy" when response.IsSuccessStatusCode => HealthCheckResult.Healthy(),
                    "Degraded" when response.IsSuccessStatusCode => HealthCheckResult.Degraded(reasons),
                    _ => HealthCheckResult.Unhealthy(reasons.Length > 0 ? reasons : $"/health answered {(int)response.StatusCode}"),
                } : HealthCheckResult.Unhealthy($"/health answered {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        }
    }
}
