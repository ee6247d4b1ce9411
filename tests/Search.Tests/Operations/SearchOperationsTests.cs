using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.Search.Telemetry;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Search.Tests.Operations;

/// <summary>The Search service with one quick retry, so a poison message reaches its error queue at once.</summary>
public sealed class QuickRetryFixture : SearchServiceFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:Retry:Limit"] = "1",
        ["Messaging:Retry:MinInterval"] = "00:00:00.010",
        ["Messaging:Retry:MaxInterval"] = "00:00:00.050",
        ["Messaging:Retry:Delta"] = "00:00:00.010",
    };
}

/// <summary>What the operations dashboard shows for indexing and querying, and where poison messages go.</summary>
public sealed class SearchOperationsTests(QuickRetryFixture search) : IClassFixture<QuickRetryFixture>
{
    /// <summary>The Search service's queue for article events (service prefix + consumer name) and its error queue.</summary>
    private const string ErrorQueue = "search-article-events_error";

    private IMeterFactory Meters => search.Services.GetRequiredService<IMeterFactory>();

    private static ArticlePublished Published(Guid id, long version, string headline, DateTimeOffset publishedAt) =>
        new(id, version, new ArticleContent($"slug-{id:N}", headline, "Summary", "Body text.", "national", null, [], null, null, false),
            publishedAt, null);

    private async Task SearchUntilFoundAsync(string q) => await Eventually.Until(
        async () => await (await search.Client.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}")).Content.ReadAsStringAsync(),
        body => body.Contains("\"total\":1"), TimeSpan.FromSeconds(15), $"search for {q}");

    [Fact]
    public async Task Indexing_records_the_index_lag_and_counts_duplicates_and_stale_copies()
    {
        using var consumed = new MetricCollector<long>(Meters, SearchMetrics.MeterName, "newsplatform.search.events.consumed");
        using var dropped = new MetricCollector<long>(Meters, SearchMetrics.MeterName, "newsplatform.search.events.dropped");
        using var lag = new MetricCollector<double>(Meters, SearchMetrics.MeterName, "newsplatform.search.index.lag");
        var id = Guid.NewGuid();
        var publishedAt = DateTimeOffset.UtcNow.AddSeconds(-3);

        await search.Bus.PublishAsync(Published(id, 3, "Kelp farmers report record harvest", publishedAt));
        await SearchUntilFoundAsync("kelp");
        await search.Bus.PublishAsync(Published(id, 3, "Kelp farmers report record harvest", publishedAt)); // duplicate
        await search.Bus.PublishAsync(Published(id, 2, "Kelp farmers report record harvest", publishedAt)); // stale
        await Eventually.Until(() => Task.FromResult(dropped.GetMeasurementSnapshot().Count), n => n == 2, TimeSpan.FromSeconds(15), "copies dropped");

        var indexed = Assert.Single(lag.GetMeasurementSnapshot());
        Assert.InRange(indexed.Value, 3, 60); // published 3 s before it was sent
        Assert.Equal("s", lag.Instrument!.Unit);
        Assert.Equal(3, consumed.GetMeasurementSnapshot().Count);
        Assert.Equal(["duplicate", "stale"], dropped.GetMeasurementSnapshot().Select(m => (string)m.Tags["newsplatform.reason"]!).Order());
    }

    [Fact]
    public async Task Queries_are_timed_and_zero_result_queries_counted()
    {
        using var duration = new MetricCollector<double>(Meters, SearchMetrics.MeterName, "newsplatform.search.query.duration");
        using var zero = new MetricCollector<long>(Meters, SearchMetrics.MeterName, "newsplatform.search.query.zero_results");

        var response = await search.Client.GetAsync("/api/search?q=xylophonist");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(1, Assert.Single(zero.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task A_poison_message_lands_in_the_error_queue_after_retries_and_is_counted()
    {
        using var faults = new MetricCollector<long>(Meters, MessagingMetrics.MeterName, "newsplatform.messaging.faults");
        var id = Guid.NewGuid();

        // No content: indexing it fails every time, however often it is retried.
        await search.Bus.PublishAsync(new ArticlePublished(id, 1, null!, DateTimeOffset.UtcNow, null));

        var inError = await Eventually.Until(() => search.VirtualHost.PeekAsync(ErrorQueue),
            messages => messages.Any(m => m.GetProperty("payload").GetString()!.Contains(id.ToString())),
            TimeSpan.FromSeconds(30), "poison message in the error queue");
        Assert.NotEmpty(inError);
        var fault = Assert.Single(faults.GetMeasurementSnapshot());
        Assert.Equal(nameof(ArticlePublished), fault.Tags["messaging.message.type"]);
        Assert.Equal("search-article-events", fault.Tags["messaging.destination.name"]);

        // The queue is not blocked: the next article is indexed.
        var next = Guid.NewGuid();
        await search.Bus.PublishAsync(Published(next, 1, "Glass bridge reopens after repairs", DateTimeOffset.UtcNow));
        await SearchUntilFoundAsync("glass bridge");
    }
}
