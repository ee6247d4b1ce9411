using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

public static class RoundTripHealth
{
    /// <summary>
    /// A check of a store the host serves without (the gateway's edge store, the site's session store): healthy with
    /// its round trip, <see cref="HealthStatus.Degraded"/> when it does not answer — so it is shown, never a reason
    /// to take the host out of service.
    /// </summary>
    public static IHealthChecksBuilder AddRoundTripCheck(this IHealthChecksBuilder checks, string name,
        Func<IServiceProvider, Task<TimeSpan>> roundTrip, Func<Exception, bool> isUnavailable, params string[] tags)
        => checks.Add(new HealthCheckRegistration(name, services => new RoundTripCheck(() => roundTrip(services), isUnavailable),
            HealthStatus.Degraded, tags));

    private sealed class RoundTripCheck(Func<Task<TimeSpan>> roundTrip, Func<Exception, bool> isUnavailable) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await roundTrip();
                return HealthCheckResult.Healthy($"answers in {latency.TotalMilliseconds:0.#} ms");
            }
            catch (Exception e) when (isUnavailable(e))
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"does not answer: {e.Message}");
            }
        }
    }
}
