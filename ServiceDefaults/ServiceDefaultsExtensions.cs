using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every NewsPlatform process shares: telemetry to the operations dashboard, health endpoints,
/// service discovery, resilient outgoing HTTP and RFC 9457 problem details for every error.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of checks that must pass before the process takes traffic (its database, its broker).</summary>
    public const string ReadyTag = "ready";

    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // Enums travel by name ("month", not 1): partner apps should not need our numbering.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(
                System.Text.Json.JsonNamingPolicy.CamelCase)));

        builder.Services.AddExceptionHandler<RequestProblems>();
        builder.Services.AddExceptionHandler<StorageUnavailableProblems>();
        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context =>
            {
                // Lets an operator find the trace of any error a client reports.
                context.ProblemDetails.Extensions.TryAdd("traceId",
                    System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
            });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                // Every service's own meter is named NewsPlatform.<Service>; the wildcard exports them all.
                .AddMeter("Marten", "MassTransit", "NewsPlatform", PlatformTelemetry.MeterWildcard))
            .WithTracing(tracing => tracing
                // Polls, probes and progress samples would bury the traces of real requests and messages.
                .SetSampler(RoutineWorkSampler.ForPlatform())
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("Marten", "MassTransit", "NewsPlatform")
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Probes would drown the real traffic on the dashboard.
                    aspnet.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthPath) &&
                        !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // The AppHost sets the endpoint; without it (tests, plain `dotnet run`) nothing is exported.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        // Health is logged when it changes (HealthTransitions), not at Error on every probe that finds it unhealthy.
        builder.Logging.AddFilter(HealthCheckServiceCategory, LogLevel.Critical);
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthTransitions>();
        builder.Services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Delay = TimeSpan.FromSeconds(1);
            options.Period = TimeSpan.FromSeconds(5);
            options.Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains("live");
        });
        return builder;
    }

    /// <summary>The log category of ASP.NET Core's health-check service.</summary>
    public const string HealthCheckServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <summary>Readiness includes the service's own PostgreSQL database.</summary>
    public static IHealthChecksBuilder AddPostgresReadiness(this IHealthChecksBuilder checks, string connectionString) =>
        checks.AddNpgSql(connectionString, name: "postgresql", tags: [ReadyTag]);

    /// <summary>
    /// <c>/health</c>: ready (database and broker reachable); <c>/alive</c>: the process answers.
    /// Both are served in every environment because the AppHost and the gateway probe them.
    /// </summary>
    /// <param name="informationalTag">
    /// Checks with this tag are reported too, under their tag, but never make the process unready: the gateway shows
    /// each service's state without leaving a load balancer's rotation because one service is down.
    /// </param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, string? informationalTag = null)
    {
        static bool Readiness(HealthCheckRegistration check) => check.Tags.Contains(ReadyTag) || check.Tags.Contains("live");
        if (informationalTag is null)
        {
            app.MapHealthChecks(HealthPath, new HealthCheckOptions { Predicate = Readiness, ResponseWriter = WriteHealthReport }).DisableHttpMetrics();
        }
        else
        {
            app.MapGet(HealthPath, async (HttpContext http, HealthCheckService health) =>
            {
                var own = health.CheckHealthAsync(Readiness, http.RequestAborted);
                var informational = health.CheckHealthAsync(check => check.Tags.Contains(informationalTag), http.RequestAborted);
                await Task.WhenAll(own, informational);
                http.Response.StatusCode = own.Result.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
                http.Response.Headers.CacheControl = "no-store";
                await WriteHealthReport(http, own.Result, (informationalTag, informational.Result));
            }).DisableHttpMetrics().ExcludeFromDescription();
        }
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
        }).DisableHttpMetrics();
        return app;
    }

    private static Task WriteHealthReport(HttpContext context, HealthReport report) => WriteHealthReport(context, report, null);

    private static Task WriteHealthReport(HttpContext context, HealthReport report, (string Name, HealthReport Report)? informational)
    {
        static Dictionary<string, object> Entries(HealthReport r) => r.Entries.ToDictionary(
            entry => entry.Key, entry => (object)new { status = entry.Value.Status.ToString(), description = entry.Value.Description });
        var body = new Dictionary<string, object> { ["status"] = report.Status.ToString(), ["checks"] = Entries(report) };
        if (informational is { } info) body[info.Name] = Entries(info.Report);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(body);
    }

    /// <summary>
    /// Every error leaves as problem details: unhandled exceptions become 500s without a stack trace,
    /// and bare status codes (404 from routing, 405, 415) get a body too.
    /// </summary>
    public static WebApplication UseProblemDetailsForErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
