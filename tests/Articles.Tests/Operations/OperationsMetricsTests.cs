using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NewsPlatform.Articles.Telemetry;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Articles.Tests.Operations;

/// <summary>What the operations dashboard's Metrics page shows for the newsroom and readers.</summary>
public sealed class OperationsMetricsTests(ArticlesServiceFixture articles) : IClassFixture<ArticlesServiceFixture>
{
    private readonly NewsroomDesk _desk = new(articles.Client);
    private IMeterFactory Meters => articles.Service.Services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task Publishing_counts_the_article_by_section_and_times_the_command()
    {
        using var published = new MetricCollector<long>(Meters, ArticlesMetrics.MeterName, "newsplatform.articles.published");
        using var commands = new MetricCollector<double>(Meters, ArticlesMetrics.MeterName, "newsplatform.articles.newsroom.command.duration");

        await _desk.DraftAndPublishAsync(NewsroomDesk.Copy("Ferry timetable changes for the winter", section: "business", subsection: null));

        var count = Assert.Single(published.GetMeasurementSnapshot());
        Assert.Equal(1, count.Value);
        Assert.Equal("business", count.Tags[ArticlesMetrics.SectionTag]);
        Assert.Contains(commands.GetMeasurementSnapshot(), m =>
            Equals(m.Tags["newsplatform.command"], "PublishArticle") && Equals(m.Tags["newsplatform.outcome"], "ok") && m.Value > 0);
        Assert.Contains(commands.GetMeasurementSnapshot(), m => Equals(m.Tags["newsplatform.command"], "DraftArticle"));
    }

    [Fact]
    public async Task A_refused_command_is_timed_with_its_outcome()
    {
        using var commands = new MetricCollector<double>(Meters, ArticlesMetrics.MeterName, "newsplatform.articles.newsroom.command.duration");
        var draft = await _desk.DraftAsync(NewsroomDesk.Copy("A draft revised from a stale version"));

        var stale = await _desk.SendAsync(HttpMethod.Put, $"/api/newsroom/articles/{NewsroomDesk.Id(draft)}", 7, NewsroomDesk.Copy("Too late"));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains(commands.GetMeasurementSnapshot(), m => !Equals(m.Tags["newsplatform.outcome"], "ok"));
    }

    [Fact]
    public async Task Corrections_and_takedowns_are_counted()
    {
        using var corrected = new MetricCollector<long>(Meters, ArticlesMetrics.MeterName, "newsplatform.articles.corrected");
        using var unpublished = new MetricCollector<long>(Meters, ArticlesMetrics.MeterName, "newsplatform.articles.unpublished");
        var live = await _desk.DraftAndPublishAsync(NewsroomDesk.Copy("Budget vote delayed"));

        var fixedCopy = await _desk.ReviseAsync(live, NewsroomDesk.Copy("Budget vote delayed to Friday"));
        await _desk.UnpublishAsync(fixedCopy);

        Assert.Equal(1, Assert.Single(corrected.GetMeasurementSnapshot()).Value);
        Assert.Equal(1, Assert.Single(unpublished.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task Article_reads_are_counted_by_section()
    {
        using var reads = new MetricCollector<long>(Meters, ArticlesMetrics.MeterName, "newsplatform.articles.reads");
        var slug = NewsroomDesk.Slug(await _desk.DraftAndPublishAsync(NewsroomDesk.Copy("Lantern festival opens on the river")));

        // The public page comes from an async projection: the first reads may not find it yet.
        await Eventually.Until(() => articles.Anonymous.GetAsync($"/api/articles/{slug}"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "article page");

        var read = Assert.Single(reads.GetMeasurementSnapshot());
        Assert.Equal("national", read.Tags[ArticlesMetrics.SectionTag]);
    }
}
