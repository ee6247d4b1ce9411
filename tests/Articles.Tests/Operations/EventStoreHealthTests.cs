using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using NewsPlatform.TestSupport;
using Bus = NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Articles.Tests.Operations;

/// <summary>
/// The service with tight daemon limits (1 s), a progress sample every 200 ms, and its metrics and
/// finished spans also kept in memory through the OpenTelemetry pipeline ServiceDefaults sets up.
/// </summary>
public sealed class TightDaemonLimitsFixture : ArticlesServiceFixture
{
    public List<Metric> Exported { get; } = [];

    /// <summary>Every span the tracing pipeline recorded (ActivitySources are process-wide: other hosts' too).</summary>
    public ConcurrentQueue<Activity> Spans { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddInMemoryExporter(Exported))
            .WithTracing(tracing => tracing.AddProcessor(new SpanRecorder(Spans)));

    private sealed class SpanRecorder(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Any waiting event counts, so a stopped forwarder shows at the next sample (200 ms), however
        // soon the daemon may start it again.
        ["EventStore:Health:MaxLagEvents"] = "0",
        ["EventStore:Health:MaxLagTime"] = "00:00:01",
        ["EventStore:Health:SampleInterval"] = "00:00:00.200",
    };
}

/// <summary>
/// A stuck event-forwarding subscription shows on /health (Degraded, naming it) and on the lag gauges,
/// and both recover once it runs again.
/// </summary>
public sealed class EventStoreHealthTests(TightDaemonLimitsFixture articles) : IClassFixture<TightDaemonLimitsFixture>
{
    private IServiceProvider Services => articles.Service.Services;

    private async Task<JsonElement> HealthAsync()
    {
        var response = await articles.Anonymous.GetAsync("/health");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Status(JsonElement report) => report.GetProperty("status").GetString()!;

    private long? LagOf(MetricCollector<long> lag, string shard)
    {
        lag.RecordObservableInstruments();
        return lag.GetMeasurementSnapshot(clear: true)
            .LastOrDefault(m => Equals(m.Tags[EventStoreProgress.ShardTag], shard))?.Value;
    }

    [Fact]
    public async Task A_stopped_forwarder_turns_health_degraded_and_lags_until_it_runs_again()
    {
        var meters = Services.GetRequiredService<IMeterFactory>();
        using var lag = new MetricCollector<long>(meters, EventStoreProgress.MeterName, "newsplatform.eventstore.shard.lag");
        using var forwarded = new MetricCollector<long>(meters, MessagingMetrics.MeterName, "newsplatform.messaging.forwarded");
        await Eventually.Until(HealthAsync, r => Status(r) == "Healthy", TimeSpan.FromSeconds(30), "healthy at start");

        var progress = await Services.GetRequiredService<EventStoreProgress>().SampleAsync(CancellationToken.None);
        var forwarder = progress.Shards.Select(s => s.Shard).Single(s => s.StartsWith("ArticleEventsToBus", StringComparison.Ordinal));
        var daemon = Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.StopAgentAsync(forwarder, null!);

        var article = await new NewsroomDesk(articles.Client).DraftAndPublishAsync(NewsroomDesk.Copy("Subway line 9 extension opens"));
        var id = NewsroomDesk.Id(article);

        var degraded = await Eventually.Until(HealthAsync, r => Status(r) == "Degraded", TimeSpan.FromSeconds(15), "degraded");
        var check = degraded.GetProperty("checks").GetProperty(EventStoreHealthCheck.Name);
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains(forwarder, check.GetProperty("description").GetString());
        Assert.True(LagOf(lag, forwarder) >= 1, "the forwarding lag shows the waiting event");
        Assert.DoesNotContain(articles.Bus.Received<Bus.ArticlePublished>(), m => m.Message.ArticleId == id);

        await daemon.StartAgentAsync(forwarder, CancellationToken.None);

        await Eventually.Until(() => Task.FromResult(LagOf(lag, forwarder)), l => l == 0, TimeSpan.FromSeconds(15), "forwarding lag back to zero");
        await Eventually.Until(HealthAsync, r => Status(r) == "Healthy", TimeSpan.FromSeconds(15), "healthy again");
        await Eventually.Until(() => Task.FromResult(articles.Bus.Received<Bus.ArticlePublished>().Count(m => m.Message.ArticleId == id)),
            n => n > 0, TimeSpan.FromSeconds(15), "the article event reaches the broker");
        Assert.Contains(forwarded.GetMeasurementSnapshot(), m =>
            Equals(m.Tags["messaging.message.type"], nameof(Bus.ArticlePublished)) && Equals(m.Tags["newsplatform.subscription"], "ArticleEventsToBus"));
    }

    [Fact]
    public async Task Every_platform_meter_is_exported_through_the_service_defaults_pipeline()
    {
        var id = NewsroomDesk.Id(await new NewsroomDesk(articles.Client).DraftAndPublishAsync(NewsroomDesk.Copy("Night market returns to the harbour")));
        await Eventually.Until(() => Task.FromResult(articles.Bus.Received<Bus.ArticlePublished>().Any(m => m.Message.ArticleId == id)),
            forwarded => forwarded, TimeSpan.FromSeconds(15), "forwarded");
        await Eventually.Until(() => Task.FromResult(Services.GetRequiredService<EventStoreProgress>().Latest is not null), ready => ready,
            TimeSpan.FromSeconds(10), "progress sampled");

        Services.GetRequiredService<MeterProvider>().ForceFlush();

        var names = articles.Exported.Select(m => (m.MeterName, m.Name)).ToHashSet();
        Assert.Contains(("NewsPlatform.Articles", "newsplatform.articles.published"), names);
        Assert.Contains(("NewsPlatform.EventStore", "newsplatform.eventstore.shard.lag"), names);
        Assert.Contains(("NewsPlatform.Messaging", "newsplatform.messaging.forwarded"), names);
    }

    [Fact]
    public async Task Health_reports_the_database_the_broker_and_the_daemon()
    {
        var report = await Eventually.Until(HealthAsync, r => Status(r) == "Healthy", TimeSpan.FromSeconds(30), "healthy");

        var checks = report.GetProperty("checks");
        foreach (var name in new[] { "postgresql", "rabbitmq", EventStoreHealthCheck.Name })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
    }
}
